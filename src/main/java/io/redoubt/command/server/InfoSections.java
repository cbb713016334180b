package io.redoubt.command.server;

import io.redoubt.command.CommandSpec;
import io.redoubt.command.CommandStats;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.keyspace.ListMemory;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.net.Client;
import io.redoubt.net.ClientRegistry;
import io.redoubt.pubsub.SubscriptionKind;
import io.redoubt.persistence.Snapshots;
import io.redoubt.server.Server;
import io.redoubt.server.ServerStats;
import io.redoubt.tls.CertificateFacts;
import io.redoubt.tls.TlsMaterial;
import io.redoubt.tls.TlsReloader;
import io.redoubt.tls.TlsSettings;
import io.redoubt.tls.TlsState;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of each INFO section, with Redis's names and formats. Features Redoubt does not have yet
 * (persistence, replication, pub/sub, modules) report the values an idle Redis without them reports.
 * Called with the keyspace lock held, so counters are consistent with each other.
 */
final class InfoSections {
    private final Server server;
    private final StringBuilder out;

    InfoSections(Server server, StringBuilder out) {
        this.server = server;
        this.out = out;
    }

    private InfoSections field(String name, Object value) {
        out.append(name).append(':').append(value).append("\r\n");
        return this;
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    void server() {
        DirectiveRegistry d = server.directives();
        long nowMs = System.currentTimeMillis();
        long uptime = (nowMs - server.startMs()) / 1000;
        Instant now = Instant.now();
        field("redis_version", Server.REDIS_VERSION)
            .field("redis_git_sha1", "00000000")
            .field("redis_git_dirty", 0)
            .field("redis_build_id", "0")
            .field("redis_mode", "standalone")
            .field("os", ProcessInfo.os())
            .field("arch_bits", ProcessInfo.archBits())
            .field("monotonic_clock", "POSIX clock_gettime")
            .field("multiplexing_api", server.ioEngine())
            .field("gcc_version", "0.0.0")
            .field("process_id", ProcessInfo.pid())
            .field("process_supervised", "no")
            .field("run_id", server.runId())
            .field("tcp_port", d.get("port").asInt() != 0 ? d.get("port").value() : d.get("tls-port").value())
            .field("server_time_usec", now.getEpochSecond() * 1_000_000 + now.getNano() / 1000)
            .field("uptime_in_seconds", uptime)
            .field("uptime_in_days", uptime / 86400)
            .field("hz", d.get("hz").value())
            .field("configured_hz", d.get("hz").value())
            .field("lru_clock", (nowMs / 1000) & ((1 << 24) - 1))
            .field("executable", ProcessInfo.executable())
            .field("config_file", configFile());
        listener("listener0", "tcp", d.get("port").asInt()); // numbered as Redis 7.2 numbers its connection types
        listener("listener2", "tls", d.get("tls-port").asInt());
        field("redoubt_version", Server.REDOUBT_VERSION)
            .field("io_engine", server.ioEngine());
    }

    /** A listener line, for a listener with a port (Redis leaves out one whose port is 0 at start-up). */
    private void listener(String name, String type, int port) {
        if (port == 0) {
            return;
        }
        StringBuilder line = new StringBuilder("name=").append(type);
        for (String addr : server.directives().get("bind").value().trim().split("\\s+")) {
            line.append(",bind=").append(addr);
        }
        field(name, line.append(",port=").append(port));
    }

    private String configFile() {
        for (String source : server.directives().sources()) {
            if (source.startsWith("redis.conf ")) {
                return source.substring("redis.conf ".length());
            }
        }
        return "";
    }

    void clients() {
        ClientRegistry clients = server.clients();
        field("connected_clients", clients.count())
            .field("cluster_connections", 0)
            .field("maxclients", server.directives().get("maxclients").value())
            // blocked on keys or held by CLIENT PAUSE
            .field("blocked_clients", clients.all().stream().filter(Client::blocked).count())
            .field("tracking_clients", 0)
            .field("clients_in_timeout_table", 0)
            .field("total_blocking_keys", server.blocking().blockingKeys())
            .field("total_blocking_keys_on_nokey", 0);
    }

    void memory() {
        // used_memory is the JVM heap in use, where keys and values live, plus the large lists' nodes outside it
        long used = ProcessInfo.heapUsed() + ListMemory.used();
        long peak = ProcessInfo.heapPeak() + ListMemory.peak(); // an upper bound, never below used_memory
        long rss = ProcessInfo.rss();
        long system = ProcessInfo.totalSystemMemory();
        field("used_memory", used).field("used_memory_human", ProcessInfo.human(used));
        field("used_memory_list_nodes", ListMemory.used()); // Redoubt's own: the part of used_memory off the heap
        if (rss >= 0) {
            field("used_memory_rss", rss).field("used_memory_rss_human", ProcessInfo.human(rss));
        }
        field("used_memory_peak", peak)
            .field("used_memory_peak_human", ProcessInfo.human(peak))
            .field("used_memory_peak_perc", fixed(peak == 0 ? 0 : used * 100.0 / peak, 2) + "%")
            .field("total_system_memory", system)
            .field("total_system_memory_human", ProcessInfo.human(system))
            .field("maxmemory", 0)
            .field("maxmemory_human", "0B")
            .field("maxmemory_policy", "noeviction")
            .field("lazyfree_pending_objects", 0)
            .field("lazyfreed_objects", 0)
            .field("jvm_heap_max", ProcessInfo.heapMax());
    }

    /** RDB figures from the snapshots; AOF is not implemented, so its fields are those of AOF off. */
    void persistence() {
        Snapshots rdb = server.snapshots();
        field("loading", 0)
            .field("async_loading", 0)
            .field("current_cow_peak", 0)
            .field("current_cow_size", 0)
            .field("current_cow_size_age", 0)
            .field("current_fork_perc", "0.00")
            .field("current_save_keys_processed", 0)
            .field("current_save_keys_total", 0)
            .field("rdb_changes_since_last_save", rdb.dirty())
            .field("rdb_bgsave_in_progress", rdb.bgsaveInProgress() ? 1 : 0)
            .field("rdb_last_save_time", rdb.lastSaveSeconds())
            .field("rdb_last_bgsave_status", rdb.lastBgsaveOk() ? "ok" : "err")
            .field("rdb_last_bgsave_time_sec", rdb.lastBgsaveDurationSec())
            .field("rdb_current_bgsave_time_sec", rdb.currentBgsaveSec())
            .field("rdb_saves", rdb.saves())
            .field("rdb_last_cow_size", 0)
            .field("rdb_last_load_keys_expired", rdb.lastLoadKeysExpired())
            .field("rdb_last_load_keys_loaded", rdb.lastLoadKeysLoaded());
        server.aof().info(this::field);
        field("module_fork_in_progress", 0)
            .field("module_fork_last_cow_size", 0);
        server.aof().infoWhenOn(this::field);
    }

    void stats() {
        ServerStats s = server.stats();
        Keyspace ks = server.keyspace();
        field("total_connections_received", server.clients().totalReceived())
            .field("total_commands_processed", s.commandsProcessed())
            .field("instantaneous_ops_per_sec", s.instantaneousOps())
            .field("total_net_input_bytes", s.netInput())
            .field("total_net_output_bytes", s.netOutput())
            .field("total_net_repl_input_bytes", 0)
            .field("total_net_repl_output_bytes", 0)
            .field("rejected_connections", server.clients().totalRejected())
            .field("sync_full", server.replication().syncFull())
            .field("sync_partial_ok", server.replication().syncPartialOk())
            .field("sync_partial_err", server.replication().syncPartialErr())
            .field("expired_keys", ks.expiredKeys())
            .field("expired_stale_perc", "0.00")
            .field("expired_time_cap_reached_count", 0)
            .field("evicted_keys", 0)
            .field("evicted_clients", 0)
            .field("keyspace_hits", ks.hits())
            .field("keyspace_misses", ks.misses())
            .field("pubsub_channels", server.pubsub().size(SubscriptionKind.CHANNEL))
            .field("pubsub_patterns", server.pubsub().size(SubscriptionKind.PATTERN))
            .field("pubsubshard_channels", server.pubsub().size(SubscriptionKind.SHARD))
            .field("latest_fork_usec", 0)
            .field("total_forks", 0)
            .field("migrate_cached_sockets", 0)
            .field("slave_expires_tracked_keys", 0)
            .field("tracking_total_keys", 0)
            .field("tracking_total_items", 0)
            .field("tracking_total_prefixes", 0)
            .field("unexpected_error_replies", 0)
            .field("total_error_replies", s.errorReplies())
            .field("dump_payload_sanitizations", 0);
    }

    void replication() {
        server.replication().info(this::field);
    }

    void cpu() {
        double[] sysUser = ProcessInfo.cpuSeconds();
        field("used_cpu_sys", fixed(sysUser[0], 6))
            .field("used_cpu_user", fixed(sysUser[1], 6))
            .field("used_cpu_sys_children", fixed(0, 6))
            .field("used_cpu_user_children", fixed(0, 6));
    }

    /** No modules: the section is its header alone. */
    void modules() {
    }

    void commandstats() {
        for (CommandSpec spec : server.commands().all()) {
            commandstat(spec);
            spec.subcommands().values().forEach(this::commandstat);
        }
    }

    private void commandstat(CommandSpec spec) {
        CommandStats st = spec.stats();
        if (st.calls() == 0 && st.failed() == 0 && st.rejected() == 0) {
            return;
        }
        double perCall = st.calls() == 0 ? 0 : (double) st.micros() / st.calls();
        field("cmdstat_" + spec.fullName(), "calls=" + st.calls() + ",usec=" + st.micros() + ",usec_per_call="
            + fixed(perCall, 2) + ",rejected_calls=" + st.rejected() + ",failed_calls=" + st.failed());
    }

    void errorstats() {
        for (Map.Entry<String, Long> e : server.stats().errorsByCode().entrySet()) {
            field("errorstat_" + e.getKey(), "count=" + e.getValue());
        }
    }

    void cluster() {
        field("cluster_enabled", 0);
    }

    /** avg_ttl stays 0: Redis estimates it while sampling expiring keys, which Redoubt does not track yet. */
    void keyspace() {
        Keyspace ks = server.keyspace();
        for (int i = 0; i < ks.count(); i++) {
            Database db = ks.db(i);
            if (db.size() > 0) {
                field("db" + i, "keys=" + db.size() + ",expires=" + db.volatileSize() + ",avg_ttl=0");
            }
        }
    }

    /**
     * Valkey's TLS section (serials and seconds to expiry of the server, client and earliest-expiring CA
     * certificate; none/0 when TLS is off), then Redoubt's own fields: engine, material generation and the
     * last reload and failed reload.
     */
    void tls() {
        TlsState state = server.tls().current();
        // certificates only while TLS is in use: after CONFIG SET tls-port 0 the last material is history
        boolean inUse = TlsSettings.from(server.directives()).inUse();
        TlsMaterial m = state == null || !inUse ? null : state.material();
        certificate("tls_server_cert", m == null ? null : m.serverChain().get(0));
        certificate("tls_client_cert", m == null ? null : m.clientChain().get(0));
        certificate("tls_ca_cert", m == null ? null : m.earliestExpiringCa());
        field("tls_engine", state == null ? "none" : state.engine().name().toLowerCase(Locale.ROOT));
        field("tls_generation", state == null ? 0 : state.generation());
        field("tls_last_reload", state == null ? "none" : state.trigger());
        field("tls_last_reload_time", state == null ? 0 : state.loadedAt().getEpochSecond());
        TlsReloader.Failure f = server.tls().lastFailure();
        field("tls_last_failure_time", f == null ? 0 : f.at().getEpochSecond());
        field("tls_last_failure", f == null ? "none" : f.reason());
    }

    private void certificate(String prefix, X509Certificate c) {
        field(prefix + "_serial", c == null ? "none" : CertificateFacts.serial(c));
        field(prefix + "_expires_in_seconds", c == null ? 0 : CertificateFacts.expiresInSeconds(c));
    }
}
