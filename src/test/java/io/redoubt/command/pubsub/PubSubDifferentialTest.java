package io.redoubt.command.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.DifferentialScript;
import io.redoubt.support.RedoubtBesideRedis;
import io.redoubt.support.RespProbe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pub/Sub replies compared with a real redis-server: a subscriber (S, in RESP2 or RESP3) and a publisher (P)
 * run the same script on both servers, and everything each connection receives (replies, confirmations,
 * messages) must be identical, byte for byte in RESP type and order. Lines marked S2 run only for a RESP2
 * subscriber: Redis 7.2 sends a RESP3 client's own messages after its command's reply (PubSubTest checks that),
 * the installed 7.0 before.
 */
class PubSubDifferentialTest extends RedoubtBesideRedis {
    static final String SCRIPT = """
        S SUBSCRIBE ch:a ch:b ch:a
        S PSUBSCRIBE ch:* other?
        S SSUBSCRIBE sh:1
        S PING
        S PING hello
        S GET k
        S SET k v
        S ECHO x
        S NOSUCH x
        S SUBSCRIBE
        P PUBLISH ch:a one
        P PUBLISH ch:c two
        P PUBLISH otherx three
        P PUBLISH nobody four
        P SPUBLISH sh:1 five
        P SPUBLISH ch:a six
        P PUBSUB NUMSUB ch:a ch:b ch:c
        P PUBSUB NUMSUB
        P PUBSUB NUMPAT
        P PUBSUB CHANNELS ch:*
        P PUBSUB CHANNELS ch:a
        P PUBSUB SHARDCHANNELS
        P PUBSUB SHARDNUMSUB sh:1 sh:2
        P PUBSUB CHANNELS a b
        P PUBSUB NUMPAT x
        P PUBSUB HELP
        P PUBSUB NOSUCH
        P PUBSUB
        P PUBLISH ch:a
        S2 PUBLISH ch:b to-myself
        S2 MULTI
        S2 PUBLISH ch:b in-multi
        S2 SET k v2
        S2 EXEC
        S2 EXEC x
        P MULTI
        P PUBLISH ch:b queued
        P EXEC
        S UNSUBSCRIBE ch:a nosuch
        S PUNSUBSCRIBE other?
        P PUBLISH ch:a seven
        P PUBLISH ch:b eight
        S UNSUBSCRIBE ch:b
        S PUNSUBSCRIBE
        S PUNSUBSCRIBE
        S SUNSUBSCRIBE sh:1 sh:2
        S SUNSUBSCRIBE
        S UNSUBSCRIBE
        S GET k
        S SUBSCRIBE again
        S RESET
        S PING
        P PUBSUB NUMSUB again
        P CONFIG SET client-output-buffer-limit "pubsub 1mb 512kb 30"
        P CONFIG GET client-output-buffer-limit
        P CONFIG SET client-output-buffer-limit "replica 1gb 2g 0 normal 1k 1kb 1"
        P CONFIG GET client-output-buffer-limit
        P CONFIG SET client-output-buffer-limit "pubsub 1 2"
        P CONFIG SET client-output-buffer-limit "master 1 2 3"
        P CONFIG SET client-output-buffer-limit "bogus 1 2 3"
        P CONFIG SET client-output-buffer-limit "pubsub -1 2 3"
        P CONFIG SET client-output-buffer-limit "pubsub 1 2 -3"
        P CONFIG SET client-output-buffer-limit "pubsub 1 2x 3"
        P CONFIG SET client-output-buffer-limit "normal 5 5 5 pubsub 1 2 3x"
        P CONFIG GET client-output-buffer-limit
        P CONFIG SET client-output-buffer-limit "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"
        P CONFIG GET client-output-buffer-limit
        P CONFIG SET notify-keyspace-events KEAn
        P CONFIG GET notify-keyspace-events
        P CONFIG SET notify-keyspace-events Kq
        P CONFIG SET notify-keyspace-events "$szlhxegtdnKEm"
        P CONFIG GET notify-keyspace-events
        P CONFIG SET notify-keyspace-events nK
        P CONFIG GET notify-keyspace-events
        P CONFIG SET notify-keyspace-events gE$lA
        P CONFIG GET notify-keyspace-events
        P CONFIG SET notify-keyspace-events ""
        P CONFIG GET notify-keyspace-events
        """;

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void subscriberAndPublisherSeeWhatRedisSends(int protocol) throws IOException {
        List<String> theirs = transcript(redis.port(), protocol);
        List<String> ours = transcript(redoubt.port(), protocol);
        for (int i = 0; i < Math.min(theirs.size(), ours.size()); i++) {
            assertThat(ours.get(i)).as("after:\n" + String.join("\n", theirs.subList(0, i))).isEqualTo(theirs.get(i));
        }
        assertThat(ours).hasSameSizeAs(theirs);
    }

    /** Each line, followed by everything both connections receive up to a PING marker sent after it. */
    private static List<String> transcript(int port, int protocol) throws IOException {
        List<String> out = new ArrayList<>();
        try (RespProbe s = RespProbe.open(port, protocol);
             RespProbe p = RespProbe.open(port, 2)) {
            int n = 0;
            RespProbe inMulti = null;
            for (String line : SCRIPT.strip().split("\n")) {
                String[] words = DifferentialScript.split(line);
                if (words[0].equals("S2") && protocol != 2) {
                    continue; // the installed Redis 7.0 sends pushes to the running client before its reply, 7.2 after
                }
                RespProbe who = words[0].startsWith("S") ? s : p;
                who.send(Arrays.copyOfRange(words, 1, words.length));
                out.add(line.strip());
                String name = words[1].toUpperCase(java.util.Locale.ROOT);
                if (name.equals("MULTI") || inMulti == who && !name.equals("EXEC")) {
                    String r = who.next(); // inside MULTI a marker would only be queued: one reply each
                    out.add("  " + r);
                    inMulti = name.equals("MULTI") && r.equals("+OK") ? who : inMulti;
                    continue;
                }
                inMulti = null;
                String marker = "marker-" + n++;
                drain(who, marker, out, "  ");
                if (who == p) {
                    drain(s, marker, out, "  S: ");
                }
            }
        }
        return out;
    }

    private static void drain(RespProbe conn, String marker, List<String> out, String prefix) throws IOException {
        conn.send("PING", marker);
        for (;;) {
            String r = conn.next();
            if (r.equals("\"" + marker + "\"") || r.equals("[\"pong\", \"" + marker + "\"]")) {
                return;
            }
            out.add(prefix + normalise(r));
        }
    }

    /** PUBSUB CHANNELS lists in dict order on Redis: compared sorted. */
    private static String normalise(String r) {
        if (r.startsWith("[\"ch:") && !r.contains(":1]")) {
            List<String> items = new ArrayList<>(Arrays.asList(r.substring(1, r.length() - 1).split(", ")));
            items.sort(null);
            return "[" + String.join(", ", items) + "]";
        }
        return r;
    }
}
