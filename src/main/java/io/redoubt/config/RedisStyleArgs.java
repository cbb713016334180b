package io.redoubt.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Accepts redis-server's command line as well as Spring's: {@code redoubt [redis.conf] --port 0 --tls-port
 * 6379 --tls-cert-file x.crt}. A first argument that is not an option names a redis.conf file; each
 * {@code --directive value...} of a known directive (values run until the next option, joined by spaces)
 * becomes {@code --redoubt.directive=value}. Everything else (Spring's {@code --name=value}) passes through.
 */
public final class RedisStyleArgs {
    private RedisStyleArgs() {
    }

    public static String[] translate(String[] args, DirectiveRegistry known) {
        List<String> out = new ArrayList<>();
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("-")) {
            out.add("--" + DirectiveLoader.PREFIX + ".config-file=" + args[0]);
            i = 1;
        }
        while (i < args.length) {
            String a = args[i];
            String name = a.startsWith("--") && !a.contains("=") ? a.substring(2) : null;
            if (name == null || known.find(name) == null) {
                out.add(a);
                i++;
                continue;
            }
            StringBuilder value = new StringBuilder();
            int j = i + 1;
            while (j < args.length && !(args[j].startsWith("--") && args[j].length() > 2)) {
                value.append(value.length() > 0 ? " " : "").append(args[j]);
                j++;
            }
            out.add("--" + DirectiveLoader.PREFIX + "." + name.toLowerCase() + "=" + value);
            i = j;
        }
        return out.toArray(String[]::new);
    }
}
