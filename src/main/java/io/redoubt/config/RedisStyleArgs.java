package io.redoubt.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Accepts redis-server's command line as well as Spring's: {@code redoubt [redis.conf] --port 0 --tls-port
 * 6379 --tls-cert-file x.crt}. A first argument that is not an option names a redis.conf file; each
 * {@code --directive value...} of a known directive (its values run until the next option) becomes
 * {@code --redoubt.directive=value}. Everything else (Spring's {@code --name=value}) passes through.
 * The values are checked here, as redis.conf lines are (count, then value), so an error names the option
 * as the user typed it rather than the property it becomes.
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
            String option = args[i];
            Directive d = isOption(option) && !option.contains("=") ? known.find(option.substring(2)) : null;
            if (d == null) {
                out.add(option);
                i++;
                continue;
            }
            int j = i + 1;
            while (j < args.length && !isOption(args[j])) {
                j++;
            }
            String value;
            try {
                value = d.valueOf(List.of(args).subList(i + 1, j));
                d.normalizeProperty(value); // the check loading the property repeats, reported under this name
            } catch (ConfigException e) {
                throw new ConfigException("Bad directive '" + d.name() + "' in command-line argument " + option
                    + ": " + e.getMessage());
            }
            out.add("--" + DirectiveLoader.PREFIX + "." + d.name() + "=" + value);
            i = j;
        }
        return out.toArray(String[]::new);
    }

    private static boolean isOption(String arg) {
        return arg.startsWith("--") && arg.length() > 2;
    }
}
