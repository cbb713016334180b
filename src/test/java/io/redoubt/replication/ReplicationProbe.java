package io.redoubt.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.KeyspaceContents;
import io.redoubt.support.RawConnection;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What replication tests read from servers, Redoubt or Redis alike, through plain client connections. */
final class ReplicationProbe {
    private ReplicationProbe() {
    }

    static Map<String, String> info(int port, String section) {
        try (RawConnection c = new RawConnection(port)) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : ((String) c.call("INFO", section)).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) {
                    out.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object call(int port, String... args) {
        try (RawConnection c = new RawConnection(port)) {
            return c.call(args);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to 30 seconds for the condition (no timing is asserted: the wait only bounds a failure). */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static void awaitLinkUp(int replicaPort) {
        await("master_link_status:up on " + replicaPort,
            () -> "up".equals(info(replicaPort, "replication").get("master_link_status")));
    }

    /** Waits until the replica applied everything the master has propagated so far. */
    static void awaitCaughtUp(int masterPort, int replicaPort) {
        String target = info(masterPort, "replication").get("master_repl_offset");
        await("replica " + replicaPort + " at offset " + target, () -> {
            Map<String, String> r = info(replicaPort, "replication");
            return "up".equals(r.get("master_link_status"))
                && Long.parseLong(r.get("slave_repl_offset")) >= Long.parseLong(target);
        });
    }

    /** Every key of databases 0 to 3, read by type, with whether it has a TTL. */
    static Map<String, String> dump(int port) {
        try (RawConnection c = new RawConnection(port)) {
            return KeyspaceContents.of(c, 4);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every key read back alike on both, and the same DEBUG DIGEST (Redis 7.2's, which Redoubt computes). */
    static void assertSameData(int masterPort, int replicaPort) {
        Map<String, String> master = dump(masterPort);
        assertThat(master).isNotEmpty();
        assertThat(dump(replicaPort)).isEqualTo(master);
        assertThat(call(replicaPort, "DEBUG", "DIGEST")).isEqualTo(call(masterPort, "DEBUG", "DIGEST"));
    }

    /** A mix of every type in several databases, some keys with a TTL. */
    static void writeSample(int port, String prefix) {
        try (RawConnection c = new RawConnection(port)) {
            for (int i = 0; i < 50; i++) {
                c.call("SET", prefix + "s" + i, "value-" + i);
            }
            c.call("SET", prefix + "ttl", "soon", "EX", "1000");
            c.call("RPUSH", prefix + "list", "a", "b", "c", "d");
            c.call("HSET", prefix + "hash", "f1", "v1", "f2", "v2");
            c.call("SADD", prefix + "set", "x", "y", "z", "1");
            c.call("ZADD", prefix + "zset", "1", "one", "2.5", "two", "-3", "three");
            c.call("INCRBY", prefix + "counter", "41");
            c.call("INCR", prefix + "counter");
            c.call("SELECT", "2");
            c.call("SET", prefix + "in-db-2", "two");
            c.call("LPUSH", prefix + "list-db-2", "p", "q");
            c.call("SELECT", "0");
            c.call("DEL", prefix + "s0");
            c.call("EXPIRE", prefix + "s1", "5000");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
