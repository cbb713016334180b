package io.redoubt.replication;

import io.redoubt.support.DifferentialScript;
import io.redoubt.support.RedoubtBesideRedis;
import io.redoubt.support.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Replication commands and refusals against a real redis-server, reply for reply in RESP2 and RESP3: REPLCONF,
 * WAIT, ROLE, REPLICAOF argument errors, NOREPLICAS (min-replicas-to-write), and on a replica whose master is
 * unreachable READONLY, MASTERDOWN (replica-serve-stale-data no) and WAIT's refusal.
 */
class ReplicationDifferentialTest extends RedoubtBesideRedis {
    private static final String COMMANDS = """
        replconf foo bar
        replconf listening-port
        replconf listening-port abc
        replconf listening-port 1234
        replconf capa eof capa psync2
        replconf ip-address 10.1.2.3
        replconf capa eof bogus
        wait 0 0
        wait 0 -1
        wait abc 0
        wait 0 abc
        wait 1 1
        role
        replicaof no two
        replicaof localhost abc
        replicaof localhost 70000
        replicaof no one
        slaveof no one
        psync
        sync x
        config set min-replicas-to-write 1
        set k v
        get k
        incr n
        config set min-replicas-max-lag 0
        set k v
        config set min-replicas-max-lag 10
        config set min-replicas-to-write 0
        set k v
        """;

    private static final String ON_A_REPLICA = """
        config set replica-serve-stale-data no
        replicaof 127.0.0.1 %d
        get k
        set k v
        echo hello
        wait 0 0
        config set replica-serve-stale-data yes
        get k
        set k v
        config set replica-read-only no
        set k v
        config set replica-read-only yes
        replicaof no one
        set k v
        """;

    private static int[] keys(String[] args) {
        return switch (args[0].toLowerCase()) {
            case "get", "set", "incr" -> new int[] {1};
            default -> new int[0];
        };
    }

    @Test
    void commandsAndRefusalsMatchRedis() throws Exception {
        DifferentialScript script = new DifferentialScript(COMMANDS, ReplicationDifferentialTest::keys, (a, r) -> r);
        script.run(redoubt.port(), redis.port(), 2, "r2:");
        script.run(redoubt.port(), redis.port(), 3, "r3:");
    }

    @Test
    void aReplicaWithoutItsMasterRefusesAsRedisDoes() throws Exception {
        int nobody = TestServer.freePort();
        DifferentialScript script = new DifferentialScript(ON_A_REPLICA.formatted(nobody),
            ReplicationDifferentialTest::keys, (a, r) -> r);
        script.run(redoubt.port(), redis.port(), 2, "s2:");
    }
}
