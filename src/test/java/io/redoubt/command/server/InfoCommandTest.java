package io.redoubt.command.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redoubt.server.Server;
import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/** INFO sections, field names and values, checked against what Redis 7.2 reports. */
class InfoCommandTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Section title -> its fields in order. */
    static Map<String, Map<String, String>> parse(String info) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : info.split("\r\n", -1)) {
            if (line.startsWith("# ")) {
                current = new LinkedHashMap<>();
                sections.put(line.substring(2), current);
            } else if (!line.isEmpty()) {
                int colon = line.indexOf(':');
                current.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return sections;
    }

    static Map<String, String> section(Jedis jedis, String name) {
        Map<String, Map<String, String>> all = parse(jedis.info(name));
        assertThat(all).hasSize(1);
        return all.values().iterator().next();
    }

    @Test
    void defaultSectionsInRedisOrder() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            String info = jedis.info();
            assertThat(info).startsWith("# Server\r\nredis_version:7.2.4\r\n").endsWith("\r\n");
            assertThat(new ArrayList<>(parse(info).keySet())).containsExactly("Server", "Clients", "Memory",
                "Persistence", "Stats", "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Keyspace", "TLS");
            assertThat(info).contains("\r\n\r\n# Clients\r\n");
            assertThat(parse(jedis.info("default")).keySet()).isEqualTo(parse(info).keySet());
            assertThat(new ArrayList<>(parse(jedis.info("everything")).keySet())).containsExactly("Server",
                "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules", "Commandstats",
                "Errorstats", "Cluster", "Keyspace", "TLS");
            assertThat(parse(jedis.info("all")).keySet()).contains("Commandstats");
        }
    }

    @Test
    void sectionsCanBeCombinedAndUnknownOnesAreEmpty() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            assertThat(jedis.info("nosuchsection")).isEmpty();
            Object reply = jedis.sendCommand(Protocol.Command.INFO, "KEYSPACE", "server", "nosuch");
            String text = new String((byte[]) reply);
            assertThat(new ArrayList<>(parse(text).keySet())).containsExactly("Server", "Keyspace");
        }
    }

    @Test
    void serverSection() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            Map<String, String> s = section(jedis, "server");
            assertThat(s.get("redis_version")).isEqualTo(Server.REDIS_VERSION);
            assertThat(s.get("redis_mode")).isEqualTo("standalone");
            assertThat(s.get("os")).isNotBlank();
            assertThat(s.get("arch_bits")).isEqualTo("64");
            assertThat(s.get("process_id")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(s.get("run_id")).matches("[0-9a-f]{40}").isEqualTo(server.server().runId());
            assertThat(s.get("tcp_port")).isEqualTo(Integer.toString(server.port()));
            assertThat(Long.parseLong(s.get("uptime_in_seconds"))).isBetween(0L, 600L);
            assertThat(s.get("uptime_in_days")).isEqualTo("0");
            assertThat(s.get("hz")).isEqualTo("10");
            assertThat(s.get("configured_hz")).isEqualTo("10");
            assertThat(Long.parseLong(s.get("server_time_usec")) / 1000).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
            assertThat(s.get("executable")).contains("java");
            assertThat(s).containsKey("config_file");
            assertThat(s.get("listener0")).isEqualTo("name=tcp,bind=127.0.0.1,port=" + server.port());
            assertThat(s).doesNotContainKey("listener2"); // no TLS listener
            List<String> names = new ArrayList<>(s.keySet());
            assertThat(names.subList(names.size() - 2, names.size())).containsExactly("redoubt_version", "io_engine");
            assertThat(s.get("io_engine")).isEqualTo(server.server().ioEngine()).isIn("epoll", "nio");
        }
    }

    @Test
    void clientsMemoryPersistenceReplicationCpuCluster() {
        try (Jedis jedis = new Jedis(server.host(), server.port()); Jedis other = new Jedis(server.host(), server.port())) {
            other.ping();
            Map<String, String> clients = section(jedis, "clients");
            assertThat(Long.parseLong(clients.get("connected_clients"))).isGreaterThanOrEqualTo(2);
            assertThat(clients.get("maxclients")).isEqualTo("10000");
            assertThat(clients.get("blocked_clients")).isEqualTo("0");

            Map<String, String> memory = section(jedis, "memory");
            long used = Long.parseLong(memory.get("used_memory"));
            assertThat(used).isPositive();
            assertThat(memory.get("used_memory_human")).matches("\\d+(\\.\\d\\d[KMGT]|B)");
            assertThat(Long.parseLong(memory.get("used_memory_peak"))).isGreaterThan(0);
            assertThat(memory.get("maxmemory")).isEqualTo("0");
            assertThat(memory.get("maxmemory_policy")).isEqualTo("noeviction");

            Map<String, String> persistence = section(jedis, "persistence");
            assertThat(persistence.get("loading")).isEqualTo("0");
            assertThat(persistence.get("rdb_changes_since_last_save")).isEqualTo("0");
            assertThat(persistence.get("rdb_bgsave_in_progress")).isEqualTo("0");
            assertThat(persistence.get("aof_enabled")).isEqualTo("0");

            Map<String, String> replication = section(jedis, "replication");
            assertThat(replication.get("role")).isEqualTo("master");
            assertThat(replication.get("connected_slaves")).isEqualTo("0");
            assertThat(replication.get("master_replid")).matches("[0-9a-f]{40}")
                .isNotEqualTo(server.server().runId());

            Map<String, String> cpu = section(jedis, "cpu");
            assertThat(cpu.get("used_cpu_user")).matches("\\d+\\.\\d{6}");
            assertThat(Double.parseDouble(cpu.get("used_cpu_user")) + Double.parseDouble(cpu.get("used_cpu_sys")))
                .isPositive();

            assertThat(section(jedis, "cluster")).containsExactly(Map.entry("cluster_enabled", "0"));
            assertThat(jedis.info("modules")).isEqualTo("# Modules\r\n");
        }
    }

    @Test
    void statsGrowWithTraffic() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            Map<String, String> before = section(jedis, "stats");
            jedis.set("stats:a", "1");
            jedis.get("stats:a");
            jedis.get("stats:missing");
            Map<String, String> after = section(jedis, "stats");
            assertThat(Long.parseLong(after.get("total_commands_processed")))
                .isGreaterThanOrEqualTo(Long.parseLong(before.get("total_commands_processed")) + 4);
            assertThat(Long.parseLong(after.get("keyspace_hits"))).isGreaterThan(Long.parseLong(before.get("keyspace_hits")));
            assertThat(Long.parseLong(after.get("keyspace_misses")))
                .isGreaterThan(Long.parseLong(before.get("keyspace_misses")));
            assertThat(Long.parseLong(after.get("total_net_input_bytes")))
                .isGreaterThan(Long.parseLong(before.get("total_net_input_bytes")));
            assertThat(Long.parseLong(after.get("total_net_output_bytes")))
                .isGreaterThan(Long.parseLong(before.get("total_net_output_bytes")));
            assertThat(Long.parseLong(after.get("total_connections_received"))).isPositive();
            assertThat(after).containsKeys("instantaneous_ops_per_sec", "rejected_connections", "expired_keys",
                "evicted_keys", "total_error_replies");
        }
    }

    @Test
    void keyspaceLinePerNonEmptyDatabase() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.select(5);
            jedis.set("ks:1", "a");
            jedis.set("ks:2", "b");
            assertThat(section(jedis, "keyspace")).containsEntry("db5", "keys=2,expires=0,avg_ttl=0");
            jedis.del("ks:1", "ks:2");
            assertThat(section(jedis, "keyspace")).doesNotContainKey("db5");
        }
    }

    @Test
    void commandstatsAndErrorstatsCountCallsFailuresAndRejections() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.configResetStat();
            jedis.set("cs", "1");
            jedis.get("cs");
            jedis.get("cs");
            assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.GET)).isInstanceOf(JedisDataException.class);
            assertThatThrownBy(() -> jedis.sendCommand(Protocol.Command.SWAPDB, "x", "1"))
                .isInstanceOf(JedisDataException.class);
            assertThatThrownBy(() -> jedis.sendCommand(() -> "NOSUCHCMD".getBytes()))
                .isInstanceOf(JedisDataException.class);
            Map<String, String> stats = section(jedis, "commandstats");
            assertThat(stats.get("cmdstat_get")).matches(
                "calls=2,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=1,failed_calls=0");
            assertThat(stats.get("cmdstat_set")).startsWith("calls=1,");
            assertThat(stats.get("cmdstat_swapdb")).endsWith(",rejected_calls=0,failed_calls=1");
            assertThat(stats.get("cmdstat_config|resetstat")).startsWith("calls=1,");
            assertThat(stats).doesNotContainKey("cmdstat_nosuchcmd");
            assertThat(section(jedis, "errorstats")).containsEntry("errorstat_ERR", "count=3");
            assertThat(section(jedis, "stats")).containsEntry("total_error_replies", "3");
        }
    }

    /** Commands of one read start where the one before ended; the time between reads counts for none of them. */
    @Test
    void commandTimeCountsOnlyTheCommandItself() throws Exception {
        try (Jedis jedis = new Jedis(server.host(), server.port()); RawConnection c = new RawConnection(server.port())) {
            jedis.configResetStat();
            byte[] sleepThenPing = RawConnection.command("DEBUG", "SLEEP", "0.2");
            byte[] ping = RawConnection.command("PING");
            byte[] both = java.util.Arrays.copyOf(sleepThenPing, sleepThenPing.length + ping.length);
            System.arraycopy(ping, 0, both, sleepThenPing.length, ping.length);
            c.send(both);
            assertThat(c.line()).isEqualTo("+OK");
            assertThat(c.line()).isEqualTo("+PONG");
            Thread.sleep(300); // idle between two reads: must not be counted as the next command's time
            assertThat(c.call("PING")).isEqualTo("PONG");
            Map<String, String> stats = section(jedis, "commandstats");
            assertThat(usec(stats.get("cmdstat_debug"))).isGreaterThanOrEqualTo(200_000);
            assertThat(stats.get("cmdstat_ping")).startsWith("calls=2,");
            assertThat(usec(stats.get("cmdstat_ping"))).isLessThan(100_000);
        }
    }

    private static long usec(String cmdstat) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("usec=(\\d+),").matcher(cmdstat);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void resp3RepliesWithAVerbatimString() throws Exception {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            String info = conn.sync().info("server");
            assertThat(info).startsWith("# Server\r\n").contains("redis_version:7.2.4");
            assertThat(conn.sync().info()).contains("# Keyspace");
        } finally {
            client.shutdown();
        }
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.send("*2\r\n$5\r\nHELLO\r\n$1\r\n3\r\n");
            while (!raw.line().equals("*0")) {
                // HELLO's reply ends with its empty "modules" array
            }
            raw.send("INFO cluster\r\n");
            String expected = "txt:# Cluster\r\ncluster_enabled:0\r\n";
            assertThat(raw.line()).isEqualTo("=" + expected.length());
            assertThat(new String(raw.read(expected.length() + 2))).isEqualTo(expected + "\r\n");
        }
    }
}
