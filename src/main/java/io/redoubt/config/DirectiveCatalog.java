package io.redoubt.config;

import static io.redoubt.config.DirectiveType.bool;
import static io.redoubt.config.DirectiveType.integer;
import static io.redoubt.config.DirectiveType.memory;
import static io.redoubt.config.DirectiveType.oneOf;
import static io.redoubt.config.DirectiveType.text;

import io.redoubt.pubsub.NotifyFlags;
import java.io.File;
import java.util.OptionalLong;

/** Every redis.conf directive Redoubt understands, with Redis's defaults. The only place they are declared. */
public final class DirectiveCatalog {
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final long UINT_MAX = 0xffffffffL;
    private static final long LONG_MAX = Long.MAX_VALUE;

    private DirectiveCatalog() {
    }

    public static DirectiveRegistry create() {
        DirectiveRegistry r = new DirectiveRegistry();
        // each takes one argument, except those marked severalArguments() (Redis's MULTI_ARG_CONFIG)
        // network
        r.define("port", integer(0, 65535), "6379", true);
        r.define("bind", text(), "* -::*", true).severalArguments();
        r.define("tcp-backlog", integer(0, INT_MAX), "511", false);
        r.define("tcp-keepalive", integer(0, INT_MAX), "300", true);
        r.define("timeout", integer(0, INT_MAX), "0", true);
        r.define("maxclients", integer(1, UINT_MAX), "10000", true);
        r.define("protected-mode", bool(), "yes", true);
        // Netty event loops that read, run TLS and execute commands (one batch at a time, under the keyspace lock)
        int cores = Runtime.getRuntime().availableProcessors();
        r.define("io-threads", integer(1, 128), Integer.toString(defaultIoThreads(cores)), false);
        r.define("io-threads-do-reads", bool(), "no", false); // recorded only: every I/O thread reads
        // protocol limits
        r.define("proto-max-bulk-len", memory(1024 * 1024, LONG_MAX), "512mb", true);
        r.define("client-query-buffer-limit", memory(1024 * 1024, LONG_MAX), "1gb", true);
        r.define("client-output-buffer-limit", OutputBufferLimits.type(), OutputBufferLimits.DEFAULT, true)
            .severalArguments();
        // keyspace and server
        r.define("databases", integer(1, INT_MAX), "16", false);
        r.define("requirepass", text(), "", true);
        r.define("enable-protected-configs", oneOf("no", "yes", "local"), "no", false);
        r.define("hz", integer(0, INT_MAX), "10", true);
        r.define("loglevel", oneOf("debug", "verbose", "notice", "warning", "nothing"), "notice", true);
        r.define("slowlog-log-slower-than", integer(-1, LONG_MAX), "10000", true);
        r.define("slowlog-max-len", integer(0, LONG_MAX), "128", true);
        r.define("notify-keyspace-events", NotifyFlags.type(), "", true);
        // data types: encoding thresholds
        r.define("zset-max-listpack-entries", integer(0, LONG_MAX), "128", true);
        r.define("zset-max-listpack-value", memory(0, LONG_MAX), "64", true);
        // compact encodings of hashes and sets (Redis 7.2)
        r.define("hash-max-listpack-entries", integer(0, LONG_MAX), "128", true);
        r.define("hash-max-listpack-value", memory(0, LONG_MAX), "64", true);
        r.define("set-max-intset-entries", integer(0, LONG_MAX), "512", true);
        r.define("set-max-listpack-entries", integer(0, LONG_MAX), "128", true);
        r.define("set-max-listpack-value", memory(0, LONG_MAX), "64", true);
        // lists: node size (bytes when negative, entries when positive) and compression depth (recorded only)
        r.define("list-max-listpack-size", integer(Integer.MIN_VALUE, INT_MAX), "-2", true);
        r.alias("list-max-ziplist-size", "list-max-listpack-size");
        r.define("list-compress-depth", integer(0, INT_MAX), "0", true);
        // persistence: RDB snapshots (persistence/), the append-only file (persistence/aof/)
        r.define("save", DirectiveCatalog::saveParams, "3600 1 300 100 60 10000", true, true).severalArguments();
        r.define("appendonly", bool(), "no", true);
        r.define("dir", DirectiveCatalog::directory, new File("").getAbsolutePath(), true).protect();
        r.define("dbfilename", DirectiveCatalog::baseName, "dump.rdb", true).protect();
        r.define("rdbcompression", bool(), "yes", true);
        r.define("rdbchecksum", bool(), "yes", false);
        r.define("stop-writes-on-bgsave-error", bool(), "yes", true);
        // append-only file (Redis 7 multi-part AOF)
        r.define("appendfsync", oneOf("always", "everysec", "no"), "everysec", true);
        r.define("appendfilename", raw -> plainName(raw, "appendfilename can't be a path, just a filename"),
            "appendonly.aof", false);
        r.define("appenddirname", raw -> plainName(raw, "appenddirname can't be a path, just a dirname"),
            "appendonlydir", false);
        r.define("auto-aof-rewrite-percentage", integer(0, INT_MAX), "100", true);
        r.define("auto-aof-rewrite-min-size", memory(0, LONG_MAX), "64mb", true);
        r.define("aof-load-truncated", bool(), "yes", true);
        r.define("aof-use-rdb-preamble", bool(), "yes", true);
        r.define("no-appendfsync-on-rewrite", bool(), "no", true);
        r.define("lazyfree-lazy-expire", bool(), "no", true);
        // replication
        r.define("replicaof", DirectiveCatalog::replicaOf, "", false).severalArguments(); // exactly two: see replicaOf
        r.define("masterauth", text(), "", true);
        r.define("masteruser", text(), "", true);
        r.define("replica-read-only", bool(), "yes", true);
        r.define("replica-serve-stale-data", bool(), "yes", true);
        r.define("repl-diskless-sync", bool(), "yes", true);
        r.define("repl-diskless-sync-delay", integer(0, INT_MAX), "5", true);
        r.define("repl-backlog-size", memory(1, LONG_MAX), "1mb", true);
        r.define("repl-backlog-ttl", integer(0, INT_MAX), "3600", true);
        r.define("repl-ping-replica-period", integer(1, INT_MAX), "10", true);
        r.define("repl-timeout", integer(1, INT_MAX), "60", true);
        r.define("repl-disable-tcp-nodelay", bool(), "no", true);
        r.define("min-replicas-to-write", integer(0, INT_MAX), "0", true);
        r.define("min-replicas-max-lag", integer(0, INT_MAX), "10", true);
        r.define("replica-priority", integer(0, INT_MAX), "100", true);
        r.define("replica-announced", bool(), "yes", true);
        r.define("replica-announce-ip", text(), "", true);
        r.define("replica-announce-port", integer(0, 65535), "0", true);
        // TLS: every directive of redis.conf's TLS section, with Redis's defaults
        r.define("tls-port", integer(0, 65535), "0", true);
        r.define("tls-cert-file", text(), "", true).namingFile();
        r.define("tls-key-file", text(), "", true).namingFile();
        r.define("tls-key-file-pass", text(), "", true);
        r.define("tls-client-cert-file", text(), "", true).namingFile();
        r.define("tls-client-key-file", text(), "", true).namingFile();
        r.define("tls-client-key-file-pass", text(), "", true);
        r.define("tls-dh-params-file", text(), "", true).namingFile();
        r.define("tls-ca-cert-file", text(), "", true).namingFile();
        r.define("tls-ca-cert-dir", text(), "", true).namingFile();
        r.define("tls-auth-clients", DirectiveCatalog::authClients, "yes", true);
        r.define("tls-protocols", text(), "", true); // checked when contexts are built (TlsSettings)
        r.define("tls-ciphers", text(), "", true);
        r.define("tls-ciphersuites", text(), "", true);
        r.define("tls-prefer-server-ciphers", bool(), "no", true);
        r.define("tls-session-caching", bool(), "yes", true);
        r.define("tls-session-cache-size", integer(0, INT_MAX), "20480", true);
        r.define("tls-session-cache-timeout", integer(0, INT_MAX), "300", true);
        r.define("tls-replication", bool(), "no", true);
        r.define("tls-cluster", bool(), "no", true);
        // process and host integration, as in a stock redis.conf. Redoubt stays in the foreground (a JVM
        // cannot fork): daemonize yes only warns; pidfile is written and removed; logfile adds a log file
        r.define("daemonize", bool(), "no", false);
        r.define("pidfile", text(), "", false);
        r.define("logfile", ProcessDirectives::logFile, "", false);
        // recorded only (checked, shown by CONFIG GET, settable when Redis allows): tuning of Redis's C
        // process, allocator, encodings and replication internals that has no meaning in Redoubt
        r.define("always-show-logo", bool(), "no", false);
        r.define("set-proc-title", bool(), "yes", false);
        r.define("proc-title-template", ProcessDirectives::procTitleTemplate,
            "{title} {listen-addr} {server-mode}", true);
        r.define("oom-score-adj", ProcessDirectives::oomScoreAdj, "no", true);
        r.define("oom-score-adj-values", ProcessDirectives::oomScoreAdjValues, "0 200 800", true)
            .severalArguments();
        r.define("disable-thp", bool(), "yes", false);
        r.define("jemalloc-bg-thread", bool(), "yes", true);
        r.define("activerehashing", bool(), "yes", true);
        r.define("dynamic-hz", bool(), "yes", true);
        r.define("acllog-max-len", integer(0, LONG_MAX), "128", true);
        r.define("latency-monitor-threshold", integer(0, LONG_MAX), "0", true);
        r.define("lazyfree-lazy-eviction", bool(), "no", true);
        r.define("lazyfree-lazy-server-del", bool(), "no", true);
        r.define("lazyfree-lazy-user-del", bool(), "no", true);
        r.define("lazyfree-lazy-user-flush", bool(), "no", true);
        r.define("replica-lazy-flush", bool(), "no", true);
        r.define("rdb-del-sync-files", bool(), "no", true);
        r.define("rdb-save-incremental-fsync", bool(), "yes", true);
        r.define("aof-rewrite-incremental-fsync", bool(), "yes", true);
        r.define("aof-timestamp-enabled", bool(), "no", true);
        r.define("repl-diskless-load", oneOf("disabled", "on-empty-db", "swapdb"), "disabled", true);
        r.define("repl-diskless-sync-max-replicas", integer(0, INT_MAX), "0", true);
        r.define("hll-sparse-max-bytes", memory(0, LONG_MAX), "3000", true);
        r.define("stream-node-max-bytes", memory(0, LONG_MAX), "4096", true);
        r.define("stream-node-max-entries", integer(0, LONG_MAX), "100", true);
        // Valkey 9.1: poll the TLS files every N seconds (0 = off); Redoubt also watches them for changes
        r.define("tls-auto-reload-interval", integer(0, INT_MAX), "0", true);
        return r;
    }

    /**
     * One I/O thread per core but one, as Redis's guide sizes io-threads: the kernel's network stack, the JIT and
     * the collector need a core too. On two cores a second I/O thread measured slower, not faster: commands
     * run one at a time under the keyspace lock, and two half-loaded loops sleep and are woken far more often
     * than one busy loop.
     */
    static int defaultIoThreads(int cores) {
        return Math.max(1, cores - 1);
    }

    /** "host port", or "no one" (stored as "") for none: the master a replica starts replicating from. */
    static String replicaOf(String raw) {
        String[] w = raw.trim().split("\\s+");
        if (raw.isBlank() || w.length == 2 && w[0].equalsIgnoreCase("no") && w[1].equalsIgnoreCase("one")) {
            return "";
        }
        if (w.length != 2) {
            throw new ConfigException("wrong number of arguments");
        }
        try {
            int port = Integer.parseInt(w[1]);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ConfigException("Invalid master port");
        }
        return w[0] + " " + w[1];
    }

    /** yes | no | optional; YAML's true/false stand for yes/no. */
    static String authClients(String raw) {
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true" -> "yes";
            case "no", "false" -> "no";
            case "optional" -> "optional";
            default -> throw new ConfigException("argument(s) must be one of the following: no, yes, optional");
        };
    }

    /**
     * "seconds changes" pairs separated by single spaces, or "" for no snapshots. Like Redis, each number is
     * read as strtoll does (leading blanks and a sign allowed, an empty word is 0); seconds must be at least 1
     * and changes at least 0.
     */
    static String saveParams(String raw) {
        if (raw.isEmpty()) {
            return "";
        }
        String[] parts = raw.split(" ", -1);
        if (parts.length % 2 != 0) {
            throw new ConfigException("Invalid save parameters");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            long v = strtoll(parts[i]).orElse(-1); // not a number: below every minimum
            if (v < (i % 2 == 0 ? 1 : 0)) {
                throw new ConfigException("Invalid save parameters");
            }
            sb.append(i == 0 ? "" : " ").append(v);
        }
        return sb.toString();
    }

    /**
     * A whole word as Redis reads one with strtoll and an end check: leading blanks and a sign allowed, an
     * empty word is 0; empty when the word is not entirely a number.
     */
    static OptionalLong strtoll(String word) {
        String s = word.stripLeading();
        if (s.isEmpty()) {
            return word.isEmpty() ? OptionalLong.of(0) : OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(s)); // accepts the optional sign, rejects anything after the digits
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A file name without a directory part, like Redis's dbfilename. */
    static String baseName(String raw) {
        if (raw.indexOf('/') >= 0 || raw.indexOf('\\') >= 0) {
            throw new ConfigException("dbfilename can't be a path, just a filename");
        }
        return raw;
    }

    /** A name that must not hold a directory part (appendfilename, appenddirname), with Redis's reason. */
    static String plainName(String raw, String reason) {
        if (raw.indexOf('/') >= 0 || raw.indexOf('\\') >= 0) {
            throw new ConfigException(reason);
        }
        return raw;
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
