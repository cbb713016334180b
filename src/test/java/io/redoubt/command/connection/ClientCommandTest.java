package io.redoubt.command.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ClientListArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.args.ClientAttributeOption;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.exceptions.JedisDataException;

/** CLIENT ID, SETNAME/GETNAME, SETINFO, INFO, LIST, NO-EVICT, NO-TOUCH and HELP, checked against Redis 7.2. */
class ClientCommandTest {
    /** Redis 7.2's CLIENT LIST fields, in its order. */
    static final List<String> REDIS_FIELDS = List.of("id", "addr", "laddr", "fd", "name", "age", "idle", "flags",
        "db", "sub", "psub", "ssub", "multi", "qbuf", "qbuf-free", "argv-mem", "multi-mem", "rbs", "rbp", "obl",
        "oll", "omem", "tot-mem", "events", "cmd", "user", "redir", "resp", "lib-name", "lib-ver");

    static TestServer server;
    static RedisClient lettuce;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        lettuce = RedisClient.create(server.uri());
    }

    @AfterAll
    static void stop() {
        lettuce.shutdown();
        server.close();
    }

    /** "k=v k=v" into an ordered map (values may be empty). */
    static Map<String, String> fields(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : line.trim().split(" ")) {
            int eq = part.indexOf('=');
            m.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return m;
    }

    static Map<String, String> lineOf(String list, long id) {
        for (String line : list.split("\n")) {
            if (line.startsWith("id=" + id + " ")) {
                return fields(line);
            }
        }
        throw new AssertionError("no client " + id + " in:\n" + list);
    }

    @Test
    void clientListHasRedisFieldsInOrderWithHonestValues() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.clientSetname("lister");
            jedis.select(3);
            long id = jedis.clientId();
            Map<String, String> f = lineOf(jedis.clientList(), id);
            assertThat(new ArrayList<>(f.keySet()).subList(0, REDIS_FIELDS.size())).isEqualTo(REDIS_FIELDS);
            assertThat(f.get("name")).isEqualTo("lister");
            assertThat(f.get("db")).isEqualTo("3");
            assertThat(f.get("cmd")).isEqualTo("client|list");
            assertThat(f.get("flags")).isEqualTo("N");
            assertThat(f.get("user")).isEqualTo("default");
            assertThat(f.get("resp")).isEqualTo("2");
            assertThat(f.get("multi")).isEqualTo("-1");
            assertThat(f.get("addr")).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(f.get("laddr")).isEqualTo("127.0.0.1:" + server.port());
            assertThat(Long.parseLong(f.get("age"))).isBetween(0L, 60L);
            assertThat(f.get("events")).contains("r");
        }
    }

    @Test
    void clientInfoDescribesTheCallerOnly() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            String info = jedis.clientInfo();
            assertThat(info).endsWith("\n").doesNotContain("\n" + "id=");
            Map<String, String> f = fields(info);
            assertThat(f.get("id")).isEqualTo(Long.toString(jedis.clientId()));
            assertThat(f.get("cmd")).isEqualTo("client|info");
        }
    }

    @Test
    void clientListFiltersByTypeAndId() {
        try (Jedis a = new Jedis(server.host(), server.port()); Jedis b = new Jedis(server.host(), server.port())) {
            long idA = a.clientId();
            long idB = b.clientId();
            assertThat(a.clientList(ClientType.NORMAL)).contains("id=" + idA + " ", "id=" + idB + " ");
            assertThat(a.clientList(ClientType.PUBSUB)).isEmpty();
            String byId = a.clientList(idB);
            assertThat(byId.split("\n")).hasSize(1);
            assertThat(byId).startsWith("id=" + idB + " ");
            assertThat(a.clientList(idA, idB).split("\n")).hasSize(2);
            assertError(a, "ERR Unknown client type 'foo'", "CLIENT", "LIST", "TYPE", "foo");
            assertError(a, "ERR Invalid client ID", "CLIENT", "LIST", "ID", "0");
            assertError(a, "ERR Invalid client ID", "CLIENT", "LIST", "ID", "1", "x");
            assertError(a, "ERR syntax error", "CLIENT", "LIST", "TYPE", "normal", "x");
            assertError(a, "ERR syntax error", "CLIENT", "LIST", "foo");
        }
    }

    @Test
    void nameAndLibraryInfo() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            assertThat(jedis.clientSetname("app-1")).isEqualTo("OK");
            assertThat(jedis.clientGetname()).isEqualTo("app-1");
            assertThat(jedis.clientSetname("")).isEqualTo("OK");
            assertThat(jedis.clientGetname()).isNull();
            assertError(jedis, "ERR Client names cannot contain spaces, newlines or special characters.",
                "CLIENT", "SETNAME", "a b");

            assertThat(jedis.clientSetInfo(ClientAttributeOption.LIB_NAME, "mylib")).isEqualTo("OK");
            assertThat(jedis.clientSetInfo(ClientAttributeOption.LIB_VER, "1.2.3")).isEqualTo("OK");
            Map<String, String> f = fields(jedis.clientInfo());
            assertThat(f.get("lib-name")).isEqualTo("mylib");
            assertThat(f.get("lib-ver")).isEqualTo("1.2.3");
            assertError(jedis, "ERR lib-name cannot contain spaces, newlines or special characters.",
                "CLIENT", "SETINFO", "lib-name", "my lib");
            assertError(jedis, "ERR Unrecognized option 'lib-foo'", "CLIENT", "SETINFO", "lib-foo", "x");
            assertError(jedis, "ERR wrong number of arguments for 'client|setinfo' command", "CLIENT", "SETINFO",
                "lib-name");
            jedis.sendCommand(Protocol.Command.CLIENT, "SETINFO", "LIB-VER", "");
            assertThat(fields(jedis.clientInfo()).get("lib-ver")).isEmpty();
        }
    }

    @Test
    void lettuceOverResp3GetsVerbatimTextAndSendsItsLibraryName() {
        try (StatefulRedisConnection<String, String> conn = lettuce.connect()) {
            RedisCommands<String, String> sync = conn.sync();
            long id = sync.clientId();
            Map<String, String> f = fields(sync.clientInfo());
            assertThat(f.get("id")).isEqualTo(Long.toString(id));
            assertThat(f.get("resp")).isEqualTo("3");
            assertThat(f.get("lib-name")).isEqualToIgnoringCase("lettuce");
            assertThat(sync.clientList(new ClientListArgs().ids(id))).startsWith("id=" + id + " ");
            assertThat(sync.clientSetinfo("lib-name", "custom")).isEqualTo("OK");
            assertThat(fields(sync.clientInfo()).get("lib-name")).isEqualTo("custom");
        }
    }

    @Test
    void clientInfoIsAVerbatimStringInResp3() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.send("HELLO 3\r\n");
            while (!raw.line().equals("*0")) {
                // HELLO's reply ends with its empty "modules" array
            }
            raw.send("CLIENT INFO\r\n");
            String header = raw.line();
            assertThat(header).startsWith("=");
            String body = new String(raw.read(Integer.parseInt(header.substring(1)) + 2));
            assertThat(body).startsWith("txt:id=").endsWith("\n\r\n")
                .contains(" addr=127.0.0.1:" + raw.socket().getLocalPort() + " ");
        }
    }

    @Test
    void noEvictAndNoTouchShowAsFlags() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            assertThat(jedis.clientNoEvictOn()).isEqualTo("OK");
            assertThat(fields(jedis.clientInfo()).get("flags")).isEqualTo("e");
            assertThat(jedis.clientNoTouchOn()).isEqualTo("OK");
            assertThat(fields(jedis.clientInfo()).get("flags")).isEqualTo("eT");
            jedis.clientNoEvictOff();
            jedis.clientNoTouchOff();
            assertThat(fields(jedis.clientInfo()).get("flags")).isEqualTo("N");
            assertError(jedis, "ERR syntax error", "CLIENT", "NO-EVICT", "maybe");
            assertError(jedis, "ERR syntax error", "CLIENT", "NO-TOUCH", "maybe");
            assertError(jedis, "ERR wrong number of arguments for 'client|no-touch' command", "CLIENT", "NO-TOUCH");
        }
    }

    @Test
    void idHelpAndUnknownSubcommand() {
        try (Jedis a = new Jedis(server.host(), server.port()); Jedis b = new Jedis(server.host(), server.port())) {
            long first = a.clientId();
            assertThat(b.clientId()).isGreaterThan(first);
            @SuppressWarnings("unchecked")
            List<Object> help = (List<Object>) a.sendCommand(Protocol.Command.CLIENT, "HELP");
            List<String> lines = help.stream().map(o -> new String((byte[]) o)).toList();
            assertThat(lines.get(0)).isEqualTo("CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
            assertThat(lines).contains("PAUSE <timeout> [WRITE|ALL]", "NO-TOUCH (ON|OFF)");
            assertThat(lines.get(lines.size() - 2)).isEqualTo("HELP");
            assertError(a, "ERR unknown subcommand 'foo'. Try CLIENT HELP.", "CLIENT", "foo");
            assertError(a, "ERR wrong number of arguments for 'client|id' command", "CLIENT", "ID", "x");
        }
    }

    static void assertError(Jedis jedis, String error, String... command) {
        String[] args = java.util.Arrays.copyOfRange(command, 1, command.length);
        ProtocolCommand cmd = () -> command[0].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> jedis.sendCommand(cmd, args))
            .isInstanceOf(JedisDataException.class).hasMessage(error);
    }

    @Test
    void lettuceIdNameNoEvictAndReplyOn() {
        try (StatefulRedisConnection<String, String> conn = lettuce.connect()) {
            RedisCommands<String, String> sync = conn.sync();
            assertThat(sync.clientId()).isPositive();
            assertThat(sync.clientSetname("lettuce-conn")).isEqualTo("OK");
            assertThat(sync.clientGetname()).isEqualTo("lettuce-conn");
            assertThat(sync.clientNoEvict(true)).isEqualTo("OK");
            assertThat(fields(sync.clientInfo()).get("flags")).isEqualTo("e");
            assertThat(sync.clientNoEvict(false)).isEqualTo("OK");
            String on = sync.dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("REPLY").add("ON"));
            assertThat(on).isEqualTo("OK");
            String touch = sync.dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("NO-TOUCH").add("ON"));
            assertThat(touch).isEqualTo("OK");
            assertThat(fields(sync.clientInfo()).get("flags")).isEqualTo("T");
        }
    }
}
