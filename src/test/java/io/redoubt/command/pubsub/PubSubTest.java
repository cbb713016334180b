package io.redoubt.command.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.redoubt.support.RedisTools;
import io.redoubt.support.RespProbe;
import io.redoubt.support.ServerWithClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** Pub/Sub through raw RESP2 and RESP3 connections, Jedis, Lettuce and the real redis-cli. */
class PubSubTest extends ServerWithClients {

    @Test
    void resp2AndResp3SubscribersReceiveTheSameMessage() throws Exception {
        try (RespProbe two = RespProbe.open(server.port(), 2);
             RespProbe three = RespProbe.open(server.port(), 3)) {
            assertThat(two.call("SUBSCRIBE", "news")).isEqualTo("[\"subscribe\", \"news\", :1]");
            assertThat(three.call("SUBSCRIBE", "news")).isEqualTo(">[\"subscribe\", \"news\", :1]");
            assertThat(lettuce.publish("news", "hello")).isEqualTo(2);
            assertThat(two.next()).isEqualTo("[\"message\", \"news\", \"hello\"]");
            assertThat(three.next()).isEqualTo(">[\"message\", \"news\", \"hello\"]");
            // a RESP3 subscriber may run anything; its own messages follow the command's reply
            assertThat(three.call("SET", "k3", "v")).isEqualTo("+OK");
            assertThat(three.call("PUBLISH", "news", "self")).isEqualTo(":2");
            assertThat(three.next()).isEqualTo(">[\"message\", \"news\", \"self\"]");
            assertThat(two.next()).isEqualTo("[\"message\", \"news\", \"self\"]");
            // inside a transaction they follow the whole EXEC reply
            three.call("MULTI");
            three.call("PUBLISH", "news", "queued");
            three.call("PUBLISH", "news", "queued again");
            assertThat(three.call("EXEC")).isEqualTo("[:2, :2]");
            assertThat(three.next()).isEqualTo(">[\"message\", \"news\", \"queued\"]");
            assertThat(three.next()).isEqualTo(">[\"message\", \"news\", \"queued again\"]");
            assertThat(two.next()).isEqualTo("[\"message\", \"news\", \"queued\"]");
        }
    }

    @Test
    void patternsAndShardChannels() throws Exception {
        try (RespProbe sub = RespProbe.open(server.port(), 2)) {
            assertThat(sub.call("PSUBSCRIBE", "h?llo")).isEqualTo("[\"psubscribe\", \"h?llo\", :1]");
            sub.send("SSUBSCRIBE", "shard-a", "shard-b");
            assertThat(sub.next()).isEqualTo("[\"ssubscribe\", \"shard-a\", :1]");
            assertThat(sub.next()).isEqualTo("[\"ssubscribe\", \"shard-b\", :2]");
            assertThat(jedis.publish("hello", "1")).isEqualTo(1);
            assertThat(jedis.publish("hxllo", "2")).isEqualTo(1);
            assertThat(jedis.publish("heello", "3")).isZero();
            assertThat(lettuce.spublish("shard-b", "4")).isEqualTo(1);
            assertThat(jedis.publish("shard-b", "not a shard publish")).isZero();
            assertThat(sub.next()).isEqualTo("[\"pmessage\", \"h?llo\", \"hello\", \"1\"]");
            assertThat(sub.next()).isEqualTo("[\"pmessage\", \"h?llo\", \"hxllo\", \"2\"]");
            assertThat(sub.next()).isEqualTo("[\"smessage\", \"shard-b\", \"4\"]");
            assertThat(sub.call("SUNSUBSCRIBE")).isEqualTo("[\"sunsubscribe\", \"shard-a\", :1]");
            assertThat(sub.next()).isEqualTo("[\"sunsubscribe\", \"shard-b\", :0]");
            assertThat(sub.call("PUNSUBSCRIBE")).isEqualTo("[\"punsubscribe\", \"h?llo\", :0]");
            assertThat(sub.call("PUNSUBSCRIBE")).isEqualTo("[\"punsubscribe\", $-1, :0]");
            assertThat(sub.call("GET", "anything")).isEqualTo("$-1"); // out of subscriber mode
        }
    }

    @Test
    void introspectionCountsSubscriptions() throws Exception {
        try (RespProbe a = RespProbe.open(server.port(), 2);
             RespProbe b = RespProbe.open(server.port(), 3)) {
            a.send("SUBSCRIBE", "intro:1", "intro:2");
            a.next();
            a.next();
            b.call("SUBSCRIBE", "intro:1");
            b.call("PSUBSCRIBE", "intro:*");
            b.call("SSUBSCRIBE", "intro:s");
            assertThat(jedis.pubsubChannels("intro:*")).containsExactlyInAnyOrder("intro:1", "intro:2");
            assertThat(jedis.pubsubNumSub("intro:1", "intro:2", "intro:3"))
                .containsEntry("intro:1", 2L).containsEntry("intro:2", 1L).containsEntry("intro:3", 0L);
            assertThat(jedis.pubsubNumPat()).isEqualTo(1);
            assertThat(jedis.pubsubShardChannels("intro:*")).containsExactly("intro:s");
            assertThat(jedis.pubsubShardNumSub("intro:s")).containsEntry("intro:s", 1L);
            String stats = jedis.info("stats");
            assertThat(stats).contains("pubsub_channels:2\r\n", "pubsub_patterns:1\r\n", "pubsubshard_channels:1\r\n");
            String line = b.call("CLIENT", "INFO");
            assertThat(line).contains(" flags=P ", " sub=1 psub=1 ssub=1 ");
            assertThat(jedis.clientList(redis.clients.jedis.args.ClientType.PUBSUB).lines().count()).isEqualTo(2);
            assertThat(jedis.clientList(redis.clients.jedis.args.ClientType.NORMAL)).doesNotContain("flags=P");
            // RESET and disconnecting drop every subscription
            assertThat(b.call("RESET")).isEqualTo("+RESET");
            assertThat(b.call("CLIENT", "INFO")).contains(" flags=N ", " sub=0 psub=0 ssub=0 ");
        }
        assertThat(waitForNumSub("intro:1", 0)).isZero();
        assertThat(jedis.pubsubNumPat()).isZero();
        assertThat(jedis.pubsubChannels()).noneMatch(c -> c.startsWith("intro:"));
    }

    @Test
    void resp2SubscriberModeAllowsOnlySubscriptionCommands() throws Exception {
        try (RespProbe sub = RespProbe.open(server.port(), 2)) {
            sub.call("SUBSCRIBE", "mode");
            assertThat(sub.call("GET", "k")).isEqualTo("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / "
                + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
            assertThat(sub.call("CONFIG", "GET", "port")).startsWith("-ERR Can't execute 'config|get':");
            assertThat(sub.call("NOSUCH")).startsWith("-ERR unknown command 'NOSUCH'");
            assertThat(sub.call("PING")).isEqualTo("[\"pong\", \"\"]");
            assertThat(sub.call("PING", "hi")).isEqualTo("[\"pong\", \"hi\"]");
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo("[\"unsubscribe\", \"mode\", :0]");
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo("[\"unsubscribe\", $-1, :0]");
            assertThat(sub.call("PING")).isEqualTo("+PONG");
            assertThat(sub.call("QUIT")).isEqualTo("+OK");
        }
        try (RespProbe sub = RespProbe.open(server.port(), 3)) {
            sub.call("SUBSCRIBE", "mode3");
            assertThat(sub.call("PING")).isEqualTo("+PONG");
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(">[\"unsubscribe\", \"mode3\", :0]");
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(">[\"unsubscribe\", _, :0]");
        }
    }

    @Test
    void jedisAndLettuceSubscribers() throws Exception {
        BlockingQueue<String> viaJedis = new LinkedBlockingQueue<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                viaJedis.add(channel + "=" + message);
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                viaJedis.add(pattern + ":" + channel + "=" + message);
            }
        };
        Thread t = new Thread(() -> {
            try (Jedis j = new Jedis(server.host(), server.port())) {
                j.subscribe(listener, "clients");
            }
        });
        t.start();
        BlockingQueue<String> viaLettuce = new LinkedBlockingQueue<>();
        try (StatefulRedisPubSubConnection<String, String> ps = client.connectPubSub()) {
            ps.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    viaLettuce.add(channel + "=" + message);
                }
            });
            ps.sync().subscribe("clients");
            assertThat(waitForNumSub("clients", 2)).isEqualTo(2);
            assertThat(lettuce.publish("clients", "both")).isEqualTo(2);
            assertThat(viaJedis.poll(10, TimeUnit.SECONDS)).isEqualTo("clients=both");
            assertThat(viaLettuce.poll(10, TimeUnit.SECONDS)).isEqualTo("clients=both");
            listener.psubscribe("cli*");
            while (jedis.pubsubNumPat() == 0) {
                Thread.sleep(10);
            }
            lettuce.publish("clients", "twice");
            assertThat(List.of(viaJedis.poll(10, TimeUnit.SECONDS), viaJedis.poll(10, TimeUnit.SECONDS)))
                .containsExactly("clients=twice", "cli*:clients=twice");
            listener.unsubscribe();
            listener.punsubscribe();
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
        }
    }

    @Test
    void redisCliSubscribePrintsMessages() throws Exception {
        String cli = RedisTools.require("redis-cli");
        Process p = new ProcessBuilder(cli, "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "subscribe", "cli")
            .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                lines.add(out.readLine());
            }
            assertThat(lines).containsExactly("subscribe", "cli", "1");
            assertThat(waitForNumSub("cli", 1)).isEqualTo(1);
            jedis.publish("cli", "from jedis");
            lines.clear();
            for (int i = 0; i < 3; i++) {
                lines.add(out.readLine());
            }
            assertThat(lines).containsExactly("message", "cli", "from jedis");
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(waitForNumSub("cli", 0)).isZero();
    }

    /** Subscriptions are made and dropped by other connections: waits until the count settles (no timing asserted). */
    static long waitForNumSub(String channel, long expected) throws InterruptedException {
        long n = -1;
        for (int i = 0; i < 500; i++) {
            n = jedis.pubsubNumSub(channel).get(channel);
            if (n == expected) {
                break;
            }
            Thread.sleep(10);
        }
        return n;
    }
}
