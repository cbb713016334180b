package io.redoubt.config;

import static io.redoubt.config.DirectiveType.bool;
import static io.redoubt.config.DirectiveType.integer;
import static io.redoubt.config.DirectiveType.memory;
import static io.redoubt.config.DirectiveType.oneOf;
import static io.redoubt.config.DirectiveType.text;

import java.io.File;

/** Every redis.conf directive Redoubt understands, with Redis's defaults. The only place they are declared. */
public final class DirectiveCatalog {
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final long LONG_MAX = Long.MAX_VALUE;

    private DirectiveCatalog() {
    }

    public static DirectiveRegistry create() {
        DirectiveRegistry r = new DirectiveRegistry();
        // network
        r.define("port", integer(0, 65535), "6379", true);
        r.define("bind", text(), "* -::*", true);
        r.define("tcp-backlog", integer(0, INT_MAX), "511", false);
        r.define("tcp-keepalive", integer(0, INT_MAX), "300", true);
        r.define("timeout", integer(0, INT_MAX), "0", true);
        r.define("maxclients", integer(1, INT_MAX), "10000", true);
        r.define("protected-mode", bool(), "yes", true);
        // protocol limits
        r.define("proto-max-bulk-len", memory(1024 * 1024, LONG_MAX), "512mb", true);
        r.define("client-query-buffer-limit", memory(1024 * 1024, LONG_MAX), "1gb", true);
        // keyspace and server
        r.define("databases", integer(1, INT_MAX), "16", false);
        r.define("requirepass", text(), "", true);
        r.define("hz", integer(0, INT_MAX), "10", true);
        r.define("loglevel", oneOf("debug", "verbose", "notice", "warning", "nothing"), "notice", true);
        r.define("slowlog-log-slower-than", integer(-1, LONG_MAX), "10000", true);
        r.define("slowlog-max-len", integer(0, LONG_MAX), "128", true);
        // persistence: recorded and reported now, acted on by the persistence work
        r.define("save", DirectiveCatalog::saveParams, "3600 1 300 100 60 10000", true, true);
        r.define("appendonly", bool(), "no", true);
        r.define("dir", DirectiveCatalog::directory, new File("").getAbsolutePath(), true);
        r.define("dbfilename", text(), "dump.rdb", true);
        return r;
    }

    /** "seconds changes" pairs, or "" for no snapshots. */
    static String saveParams(String raw) {
        String trimmed = raw.trim();
        if (trimmed.isEmpty() || trimmed.equals("\"\"")) {
            return "";
        }
        String[] parts = trimmed.split("\\s+");
        if (parts.length % 2 != 0) {
            throw new ConfigException("Invalid save parameters");
        }
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            try {
                long v = Long.parseLong(p);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                sb.append(sb.length() == 0 ? "" : " ").append(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("Invalid save parameters");
            }
        }
        return sb.toString();
    }

    /** An existing directory, reported as its absolute path like Redis's CONFIG GET dir. */
    static String directory(String raw) {
        File f = new File(raw.trim());
        if (!f.isDirectory()) {
            throw new ConfigException("No such file or directory");
        }
        return f.getAbsoluteFile().toPath().normalize().toString();
    }
}
