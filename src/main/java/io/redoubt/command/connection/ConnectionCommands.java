package io.redoubt.command.connection;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.net.Client;
import io.redoubt.server.Server;
import java.security.MessageDigest;

/** PING ECHO QUIT RESET HELLO AUTH SELECT: the connection family. */
public final class ConnectionCommands {
    private ConnectionCommands() {
    }

    public static void register(CommandTable t) {
        String acl = "@fast @connection";
        t.add("ping", -1, "fast sentinel", 0, 0, 0, acl, ConnectionCommands::ping)
            .tips("request_policy:all_shards response_policy:all_succeeded")
            .doc("Returns the server's liveliness response.", "1.0.0", "connection", "O(1)");
        t.add("echo", 2, "loading stale fast", 0, 0, 0, acl, c -> c.reply.bulk(c.arg(1)))
            .doc("Returns the given string.", "1.0.0", "connection", "O(1)");
        t.add("quit", -1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, acl,
                ConnectionCommands::quit)
            .doc("Closes the connection.", "1.0.0", "connection", "O(1)");
        t.add("reset", 1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, acl, ConnectionCommands::reset)
            .doc("Resets the connection.", "6.2.0", "connection", "O(1)");
        t.add("hello", -1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, acl, ConnectionCommands::hello)
            .doc("Handshakes with the Redis server.", "6.0.0", "connection", "O(1)");
        t.add("auth", -2, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, acl, ConnectionCommands::auth)
            .doc("Authenticates the connection.", "1.0.0", "connection", "O(N) where N is the number of passwords defined for the user");
        t.add("select", 2, "loading stale fast", 0, 0, 0, acl, ConnectionCommands::select)
            .doc("Changes the selected database.", "1.0.0", "connection", "O(1)");
    }

    static void ping(CommandContext c) {
        if (c.argc() > 2) {
            throw new RedisError("ERR wrong number of arguments for 'ping' command");
        }
        if (c.client.resp() == 2 && c.client.subscriptions().active()) {
            c.reply.array(2); // a RESP2 subscriber gets its answer in the shape of a message
            c.reply.bulk("pong");
            c.reply.bulk(c.argc() == 2 ? c.arg(1) : new byte[0]);
        } else if (c.argc() == 2) {
            c.reply.bulk(c.arg(1));
        } else {
            c.reply.simple("PONG");
        }
    }

    static void quit(CommandContext c) {
        c.reply.ok();
        c.client.closeAfterReply();
    }

    static void reset(CommandContext c) {
        Client cl = c.client;
        c.transaction().reset(c.keyspace().watches()); // leaves MULTI and forgets watched keys
        c.server.pubsub().unsubscribeAll(cl.subscriptions());
        cl.db(0);
        cl.resp(2);
        cl.name(null);
        cl.replyMode(Client.ReplyMode.ON);
        cl.noEvict(false);
        cl.noTouch(false);
        cl.authenticated(requirePass(c).isEmpty());
        c.reply.protocol(2);
        c.reply.simple("RESET");
    }

    static void select(CommandContext c) {
        long db;
        try {
            db = c.longArg(1);
        } catch (RedisError e) {
            throw new RedisError("ERR value is not an integer or out of range");
        }
        if (db < 0 || db >= c.keyspace().count()) {
            throw RedisError.DB_INDEX;
        }
        c.client.db((int) db);
        c.reply.ok();
    }

    static void auth(CommandContext c) {
        if (c.argc() > 3) {
            throw RedisError.SYNTAX;
        }
        String pass = requirePass(c);
        if (c.argc() == 2 && pass.isEmpty()) {
            throw new RedisError("ERR AUTH <password> called without any password configured for the default user. "
                + "Are you sure your configuration is correct?");
        }
        String user = c.argc() == 3 ? c.argString(1) : "default";
        String given = c.argString(c.argc() - 1);
        checkCredentials(c, user, given);
        c.reply.ok();
    }

    /** Authenticates the client or throws WRONGPASS; with no requirepass only the default user exists (nopass). */
    private static void checkCredentials(CommandContext c, String user, String password) {
        String pass = requirePass(c);
        boolean ok = user.equals("default") && (pass.isEmpty() || constantTimeEquals(pass, password));
        if (!ok) {
            throw new RedisError("WRONGPASS invalid username-password pair or user is disabled.");
        }
        c.client.authenticated(true);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(), b.getBytes());
    }

    private static String requirePass(CommandContext c) {
        return c.server.directives().get("requirepass").value();
    }

    static void hello(CommandContext c) {
        int proto = c.client.resp();
        int i = 1;
        if (c.argc() >= 2) {
            long v;
            try {
                v = c.longArg(1);
            } catch (RedisError e) {
                throw new RedisError("ERR Protocol version is not an integer or out of range");
            }
            if (v < 2 || v > 3) {
                throw new RedisError("NOPROTO unsupported protocol version");
            }
            proto = (int) v;
            i = 2;
        }
        String user = null;
        String pass = null;
        String setName = null;
        for (; i < c.argc(); i++) {
            boolean more = i + 1 < c.argc();
            if (c.argIs(i, "auth") && i + 2 < c.argc()) {
                user = c.argString(i + 1);
                pass = c.argString(i + 2);
                i += 2;
            } else if (c.argIs(i, "setname") && more) {
                setName = c.argString(i + 1);
                i++;
            } else {
                throw new RedisError("ERR Syntax error in HELLO option '" + c.argString(i) + "'");
            }
        }
        if (user != null) {
            checkCredentials(c, user, pass);
        }
        if (!c.client.authenticated()) {
            throw new RedisError("NOAUTH HELLO must be called with the client already authenticated, otherwise the "
                + "HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the "
                + "RESP protocol version at the same time");
        }
        if (setName != null) {
            ClientCommand.validateName(setName);
            c.client.name(setName.isEmpty() ? null : setName);
        }
        c.client.resp(proto);
        c.reply.protocol(proto);
        c.reply.map(7);
        c.reply.bulk("server");
        c.reply.bulk("redis");
        c.reply.bulk("version");
        c.reply.bulk(Server.REDIS_VERSION);
        c.reply.bulk("proto");
        c.reply.integer(proto);
        c.reply.bulk("id");
        c.reply.integer(c.client.id());
        c.reply.bulk("mode");
        c.reply.bulk("standalone");
        c.reply.bulk("role");
        c.reply.bulk("master");
        c.reply.bulk("modules");
        c.reply.array(0);
    }
}
