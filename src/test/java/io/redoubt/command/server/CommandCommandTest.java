package io.redoubt.command.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.models.command.CommandDetail;
import io.lettuce.core.models.command.CommandDetailParser;
import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.util.List;
import java.util.Map;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ArrayOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.CommandListFilterByParams;
import redis.clients.jedis.resps.CommandDocument;
import redis.clients.jedis.resps.CommandInfo;
import redis.clients.jedis.util.KeyValue;

/** COMMAND, COUNT, INFO, DOCS, LIST, GETKEYS, GETKEYSANDFLAGS and HELP in Redis 7's layout. */
class CommandCommandTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Jedis jedis() {
        return new Jedis(server.host(), server.port());
    }

    @Test
    void countMatchesTheTopLevelCommands() {
        try (Jedis jedis = jedis()) {
            long count = jedis.commandCount();
            assertThat(count).isEqualTo(server.server().commands().size()).isGreaterThan(15);
            assertThat(jedis.command()).hasSize((int) count);
            assertThat(jedis.commandList().stream().filter(n -> !n.contains("|")).count()).isEqualTo(count);
        }
    }

    @Test
    void infoOfPlainCommandsAsRedisShowsThem() {
        try (Jedis jedis = jedis()) {
            Map<String, CommandInfo> infos = jedis.commandInfo("get", "SET", "dbsize", "client");
            CommandInfo get = infos.get("get");
            assertThat(get.getArity()).isEqualTo(2);
            assertThat(get.getFlags()).containsExactly("readonly", "fast");
            assertThat(List.of(get.getFirstKey(), get.getLastKey(), get.getStep())).containsExactly(1L, 1L, 1L);
            assertThat(get.getAclCategories()).containsExactly("@read", "@string", "@fast");
            assertThat(infos.get("set").getArity()).isEqualTo(-3);
            assertThat(infos.get("dbsize").getTips())
                .containsExactly("request_policy:all_shards", "response_policy:agg_sum");

            CommandInfo client = infos.get("client");
            assertThat(client.getArity()).isEqualTo(-2);
            assertThat(client.getFlags()).isEmpty(); // "sentinel" is internal, as in Redis
            assertThat(client.getAclCategories()).containsExactly("@slow");
            CommandInfo kill = client.getSubcommands().get("client|kill");
            assertThat(kill.getArity()).isEqualTo(-3);
            assertThat(kill.getFlags()).containsExactly("admin", "noscript", "loading", "stale");
            assertThat(kill.getAclCategories()).containsExactly("@admin", "@slow", "@dangerous", "@connection");
            assertThat(client.getSubcommands()).containsKeys("client|list", "client|pause", "client|no-touch",
                "client|setinfo");
        }
    }

    @Test
    void unknownNamesAreNullAndSubcommandsCanBeNamed() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.send("COMMAND INFO nosuch\r\n");
            assertThat(raw.line()).isEqualTo("*1");
            assertThat(raw.line()).isEqualTo("$-1");
            raw.send("COMMAND INFO config|get\r\n");
            assertThat(raw.line()).isEqualTo("*1");
            assertThat(raw.line()).isEqualTo("*10");
            assertThat(raw.line()).isEqualTo("$10");
            assertThat(raw.line()).isEqualTo("config|get");
        }
    }

    @Test
    void keySpecsAndReplyTypesParseInLettuceOverResp3() {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            List<CommandDetail> all = CommandDetailParser.parse(conn.sync().command());
            assertThat(all).hasSize(server.server().commands().size());
            CommandDetail get = CommandDetailParser.parse(conn.sync().commandInfo("get")).get(0);
            assertThat(get.getName()).isEqualTo("get");
            assertThat(get.getArity()).isEqualTo(2);
            assertThat(get.getFirstKeyPosition()).isEqualTo(1);
            assertThat(conn.sync().commandCount()).isEqualTo(server.server().commands().size());

            @SuppressWarnings("unchecked")
            List<Object> raw = (List<Object>) conn.sync().commandInfo("get").get(0);
            assertThat(raw).hasSize(10);
            @SuppressWarnings("unchecked")
            List<Object> keySpecs = (List<Object>) raw.get(8);
            assertThat(keySpecs).hasSize(1);
            assertThat(keySpecs.get(0).toString()).contains("flags", "RO", "access", "begin_search", "index",
                "find_keys", "range", "lastkey");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void docs() {
        try (Jedis jedis = jedis()) {
            Map<String, CommandDocument> docs = jedis.commandDocs("get", "nosuch", "client|kill");
            assertThat(docs).containsOnlyKeys("get", "client|kill");
            CommandDocument get = docs.get("get");
            assertThat(get.getSummary()).isEqualTo("Returns the string value of a key.");
            assertThat(get.getSince()).isEqualTo("1.0.0");
            assertThat(get.getGroup()).isEqualTo("string");
            assertThat(get.getComplexity()).isEqualTo("O(1)");
            assertThat(docs.get("client|kill").getGroup()).isEqualTo("connection");
            assertThat(jedis.commandDocs()).hasSize(server.server().commands().size());

            @SuppressWarnings("unchecked")
            List<Object> client = (List<Object>) jedis.sendCommand(Protocol.Command.COMMAND, "DOCS", "client");
            String flat = flatten(client);
            assertThat(flat).contains("subcommands", "client|pause", "Suspends commands processing.");
        }
    }

    private static String flatten(Object o) {
        if (o instanceof byte[] b) {
            return new String(b);
        }
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            l.forEach(x -> sb.append(flatten(x)).append(' '));
            return sb.toString();
        }
        return String.valueOf(o);
    }

    @Test
    void listWithFilters() {
        try (Jedis jedis = jedis()) {
            List<String> all = jedis.commandList();
            assertThat(all).contains("get", "client", "client|kill", "command|docs", "config|get");
            assertThat(jedis.commandListFilterBy(CommandListFilterByParams.commandListFilterByParams()
                .filterByPattern("CLIENT|K*"))).containsExactly("client|kill");
            List<String> connection = jedis.commandListFilterBy(CommandListFilterByParams.commandListFilterByParams()
                .filterByAclCat("connection"));
            assertThat(connection).contains("ping", "client|id", "command").doesNotContain("get", "client");
            assertThat(jedis.commandListFilterBy(CommandListFilterByParams.commandListFilterByParams()
                .filterByAclCat("nosuchcategory"))).isEmpty();
            assertThat(jedis.commandListFilterBy(CommandListFilterByParams.commandListFilterByParams()
                .filterByModule("anymodule"))).isEmpty();
            assertError(jedis, "ERR syntax error", "COMMAND", "LIST", "FILTERBY");
            assertError(jedis, "ERR syntax error", "COMMAND", "LIST", "FILTERBY", "foo", "x");
            assertError(jedis, "ERR syntax error", "COMMAND", "LIST", "x");
            assertError(jedis, "ERR syntax error", "COMMAND", "LIST", "FILTERBY", "PATTERN", "x", "y");
        }
    }

    @Test
    void getKeys() {
        try (Jedis jedis = jedis()) {
            assertThat(jedis.commandGetKeys("SET", "k1", "v")).containsExactly("k1");
            assertThat(jedis.commandGetKeys("del", "a", "b", "c")).containsExactly("a", "b", "c");
            List<KeyValue<String, List<String>>> flags = jedis.commandGetKeysAndFlags("get", "k");
            assertThat(flags).hasSize(1);
            assertThat(flags.get(0).getKey()).isEqualTo("k");
            assertThat(flags.get(0).getValue()).containsExactly("RO", "access");
            assertError(jedis, "ERR wrong number of arguments for 'command|getkeys' command", "COMMAND", "GETKEYS");
            assertError(jedis, "ERR Invalid command specified", "COMMAND", "GETKEYS", "nosuch", "x");
            assertError(jedis, "ERR Invalid command specified", "COMMAND", "GETKEYS", "client", "nosuch");
            assertError(jedis, "ERR The command has no key arguments", "COMMAND", "GETKEYS", "ping");
            assertError(jedis, "ERR The command has no key arguments", "COMMAND", "GETKEYS", "config", "get", "x");
            assertError(jedis, "ERR Invalid number of arguments specified for command", "COMMAND", "GETKEYS", "get");
            assertError(jedis, "ERR Invalid number of arguments specified for command", "COMMAND", "GETKEYS", "get",
                "a", "b");
        }
    }

    @Test
    void helpAndArity() {
        try (Jedis jedis = jedis()) {
            @SuppressWarnings("unchecked")
            List<Object> help = (List<Object>) jedis.sendCommand(Protocol.Command.COMMAND, "HELP");
            assertThat(new String((byte[]) help.get(0)))
                .isEqualTo("COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
            assertThat(new String((byte[]) help.get(help.size() - 1))).isEqualTo("    Prints this help.");
            assertError(jedis, "ERR wrong number of arguments for 'command|count' command", "COMMAND", "COUNT", "x");
            assertError(jedis, "ERR unknown subcommand 'nosuch'. Try COMMAND HELP.", "COMMAND", "nosuch");
        }
    }

    static void assertError(Jedis jedis, String error, String... command) {
        String[] args = java.util.Arrays.copyOfRange(command, 1, command.length);
        ProtocolCommand cmd = () -> command[0].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> jedis.sendCommand(cmd, args))
            .isInstanceOf(JedisDataException.class).hasMessage(error);
    }

    @Test
    void lettuceDocsListAndGetKeysOverResp3() {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            StringCodec codec = StringCodec.UTF8;
            List<Object> docs = conn.sync().dispatch(CommandType.COMMAND, new ArrayOutput<>(codec),
                new CommandArgs<>(codec).add("DOCS").add("get"));
            assertThat(docs.get(0)).isEqualTo("get");
            assertThat(docs.toString()).contains("summary", "Returns the string value of a key.", "group", "string");
            List<Object> keys = conn.sync().dispatch(CommandType.COMMAND, new ArrayOutput<>(codec),
                new CommandArgs<>(codec).add("GETKEYS").add("set").add("kk").add("v"));
            assertThat(keys).containsExactly("kk");
            List<Object> names = conn.sync().dispatch(CommandType.COMMAND, new ArrayOutput<>(codec),
                new CommandArgs<>(codec).add("LIST").add("FILTERBY").add("PATTERN").add("slowlog|*"));
            assertThat(names).contains("slowlog|get", "slowlog|len", "slowlog|reset", "slowlog|help");
        } finally {
            client.shutdown();
        }
    }
}
