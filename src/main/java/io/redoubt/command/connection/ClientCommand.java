package io.redoubt.command.connection;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandSpec;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.command.server.HelpReply;
import io.redoubt.net.Client;
import io.redoubt.server.Blocking;
import io.redoubt.server.ClientPause;
import io.redoubt.util.Bytes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** CLIENT and its subcommands, with Redis 7.2's arities, flags and error texts. */
public final class ClientCommand {
    private ClientCommand() {
    }

    public static void register(CommandTable t) {
        CommandSpec client = t.container("client", -2, "sentinel", "@slow")
            .doc("A container for client connection commands.", "2.4.0", "connection", "Depends on subcommand.");
        String acl = "@slow @connection";
        String admin = "@admin @slow @dangerous @connection";
        String flags = "noscript loading stale sentinel";
        client.sub("id", 2, flags, 0, 0, 0, acl, c -> c.reply.integer(c.client.id()))
            .doc("Returns the unique client ID of the connection.", "5.0.0", "connection", "O(1)");
        client.sub("info", 2, flags, 0, 0, 0, acl, ClientCommand::info)
            .tips("nondeterministic_output")
            .doc("Returns information about the connection.", "6.2.0", "connection", "O(1)");
        client.sub("list", -2, "admin " + flags, 0, 0, 0, admin, ClientCommand::list)
            .tips("nondeterministic_output")
            .doc("Lists open connections.", "2.4.0", "connection", "O(N) where N is the number of client connections");
        client.sub("kill", -3, "admin " + flags, 0, 0, 0, admin, ClientKill::kill)
            .doc("Terminates open connections.", "2.4.0", "connection",
                "O(N) where N is the number of client connections");
        client.sub("pause", -3, "admin noscript loading stale", 0, 0, 0, admin, ClientCommand::pause)
            .doc("Suspends commands processing.", "3.0.0", "connection", "O(1)");
        client.sub("unpause", 2, "admin noscript loading stale", 0, 0, 0, admin, ClientCommand::unpause)
            .doc("Resumes processing commands from paused clients.", "6.2.0", "connection",
                "O(N) Where N is the number of paused clients");
        client.sub("unblock", -3, "admin noscript loading stale", 0, 0, 0, admin, ClientCommand::unblock)
            .doc("Unblocks a client blocked by a blocking command from a different connection.", "5.0.0",
                "connection", "O(log N) where N is the number of client connections");
        client.sub("reply", 3, flags, 0, 0, 0, acl, ClientCommand::reply)
            .doc("Instructs the server whether to reply to commands.", "3.2.0", "connection", "O(1)");
        client.sub("setname", 3, flags, 0, 0, 0, acl, ClientCommand::setName)
            .doc("Sets the connection name.", "2.6.9", "connection", "O(1)");
        client.sub("getname", 2, flags, 0, 0, 0, acl, ClientCommand::getName)
            .doc("Returns the name of the connection.", "2.6.9", "connection", "O(1)");
        client.sub("setinfo", 4, flags, 0, 0, 0, acl, ClientCommand::setInfo)
            .doc("Sets information specific to the client or connection.", "7.2.0", "connection", "O(1)");
        client.sub("no-evict", 3, "admin noscript loading stale", 0, 0, 0, admin,
                c -> onOff(c, c.client::noEvict))
            .doc("Sets the client eviction mode of the connection.", "7.0.0", "connection", "O(1)");
        client.sub("no-touch", 3, "noscript loading stale", 0, 0, 0, acl, c -> onOff(c, c.client::noTouch))
            .doc("Controls whether commands sent by the client affect the LRU/LFU of accessed keys.", "7.2.0",
                "connection", "O(1)");
        client.sub("help", 2, "loading stale sentinel", 0, 0, 0, acl, ClientCommand::help)
            .doc("Returns helpful text about the different subcommands.", "5.0.0", "connection", "O(1)");
    }

    /** Redis refuses names with spaces, newlines or other special characters. */
    public static void validateName(String name) {
        if (!printable(name)) {
            throw new RedisError("ERR Client names cannot contain spaces, newlines or special characters.");
        }
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '!' || ch > '~') {
                return false;
            }
        }
        return true;
    }

    static void setName(CommandContext c) {
        String name = c.argString(2);
        validateName(name);
        c.client.name(name.isEmpty() ? null : name);
        c.reply.ok();
    }

    static void getName(CommandContext c) {
        c.reply.bulk(c.client.name());
    }

    /** CLIENT SETINFO LIB-NAME|LIB-VER value: shown in CLIENT LIST; an empty value clears it. */
    static void setInfo(CommandContext c) {
        String attr = c.argString(2);
        String value = c.argString(3);
        Consumer<String> target;
        if (c.argIs(2, "lib-name")) {
            target = c.client::libName;
        } else if (c.argIs(2, "lib-ver")) {
            target = c.client::libVersion;
        } else {
            throw new RedisError("ERR Unrecognized option '" + attr + "'");
        }
        if (!printable(value)) {
            throw new RedisError("ERR " + attr + " cannot contain spaces, newlines or special characters.");
        }
        target.accept(value.isEmpty() ? null : value);
        c.reply.ok();
    }

    static void info(CommandContext c) {
        StringBuilder out = new StringBuilder();
        ClientLine.append(out, c.client, System.currentTimeMillis(), argvMem(c));
        c.reply.verbatim(out.toString());
    }

    /** CLIENT LIST [TYPE type] | [ID id ...]: one line per connection, in id order. */
    static void list(CommandContext c) {
        Predicate<Client> filter = cl -> true;
        if (c.argc() == 4 && c.argIs(2, "type")) {
            filter = ClientTypes.filter(c.argString(3));
        } else if (c.argc() > 3 && c.argIs(2, "id")) {
            Set<Long> ids = new HashSet<>();
            for (int i = 3; i < c.argc(); i++) {
                long id = Bytes.toLong(c.arg(i), 0, c.arg(i).length, -1);
                if (id < 1) {
                    throw new RedisError("ERR Invalid client ID");
                }
                ids.add(id);
            }
            filter = cl -> ids.contains(cl.id());
        } else if (c.argc() != 2) {
            throw RedisError.SYNTAX;
        }
        StringBuilder out = new StringBuilder();
        long now = System.currentTimeMillis();
        for (Client cl : c.server.clients().all()) {
            if (filter.test(cl)) {
                ClientLine.append(out, cl, now, cl == c.client ? argvMem(c) : 0);
            }
        }
        c.reply.verbatim(out.toString());
    }

    private static long argvMem(CommandContext c) {
        long n = 0;
        for (byte[] a : c.args()) {
            n += a.length;
        }
        return n;
    }

    /** CLIENT PAUSE timeout [WRITE|ALL]: the mode is checked before the timeout, as in Redis. */
    static void pause(CommandContext c) {
        if (c.argc() > 4) {
            throw c.subcommandSyntaxError();
        }
        ClientPause.Mode mode = ClientPause.Mode.ALL;
        if (c.argc() == 4) {
            if (c.argIs(3, "write")) {
                mode = ClientPause.Mode.WRITE;
            } else if (!c.argIs(3, "all")) {
                throw new RedisError("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        }
        long timeout = c.longArg(2, "ERR timeout is not an integer or out of range");
        if (timeout < 0) {
            throw new RedisError("ERR timeout is negative");
        }
        long now = System.currentTimeMillis();
        long end = timeout > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeout;
        c.server.pause().pause(end, mode);
        c.reply.ok();
    }

    static void unpause(CommandContext c) {
        c.server.pause().unpause();
        c.reply.ok();
    }

    private static final String UNBLOCKED = "UNBLOCKED client unblocked via CLIENT UNBLOCK";

    /**
     * CLIENT UNBLOCK id [TIMEOUT|ERROR]: ends the wait of a client blocked on keys as if it timed out, or with
     * an UNBLOCKED error. The reason is checked before the id, as in Redis.
     */
    static void unblock(CommandContext c) {
        if (c.argc() > 4) {
            throw c.subcommandSyntaxError();
        }
        boolean error = false;
        if (c.argc() == 4) {
            if (c.argIs(3, "error")) {
                error = true;
            } else if (!c.argIs(3, "timeout")) {
                throw new RedisError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        }
        long id = c.longArg(2);
        Blocking blocking = c.server.blocking();
        boolean done = error ? blocking.unblock(id, r -> r.error(UNBLOCKED)) : blocking.unblockTimeout(id);
        if (done && error) {
            c.server.stats().errorReply("UNBLOCKED");
        }
        c.reply.integer(done ? 1 : 0);
    }

    /** CLIENT REPLY ON|OFF|SKIP: only ON answers; SKIP does nothing while replies are OFF. */
    static void reply(CommandContext c) {
        if (c.argIs(2, "on")) {
            c.client.replyMode(Client.ReplyMode.ON);
            c.reply.ok();
        } else if (c.argIs(2, "off")) {
            c.client.replyMode(Client.ReplyMode.OFF);
        } else if (c.argIs(2, "skip")) {
            if (c.client.replyMode() != Client.ReplyMode.OFF) {
                c.client.replyMode(Client.ReplyMode.SKIP);
            }
        } else {
            throw RedisError.SYNTAX;
        }
    }

    /** The ON|OFF switches (NO-EVICT, NO-TOUCH). */
    private static void onOff(CommandContext c, Consumer<Boolean> setter) {
        if (c.argIs(2, "on")) {
            setter.accept(true);
        } else if (c.argIs(2, "off")) {
            setter.accept(false);
        } else {
            throw RedisError.SYNTAX;
        }
        c.reply.ok();
    }

    static void help(CommandContext c) {
        HelpReply.write(c, "CLIENT", List.of(
            "GETNAME",
            "    Return the name of the current connection.",
            "ID",
            "    Return the ID of the current connection.",
            "INFO",
            "    Return information about the current client connection.",
            "KILL <ip:port>",
            "    Kill connection made from <ip:port>.",
            "KILL <option> <value> [<option> <value> [...]]",
            "    Kill connections. Options are:",
            "    * ADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made from the specified address",
            "    * LADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made to specified local address",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Kill connections by type.",
            "    * USER <username>",
            "      Kill connections authenticated by <username>.",
            "    * SKIPME (YES|NO)",
            "      Skip killing current connection (default: yes).",
            "    * MAXAGE <maxage>",
            "      Kill connections older than the specified age.",
            "LIST [options ...]",
            "    Return information about client connections. Options:",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Return clients of specified type.",
            "UNPAUSE",
            "    Stop the current client pause, resuming traffic.",
            "PAUSE <timeout> [WRITE|ALL]",
            "    Suspend all, or just write, clients for <timeout> milliseconds.",
            "REPLY (ON|OFF|SKIP)",
            "    Control the replies sent to the current connection.",
            "SETNAME <name>",
            "    Assign the name <name> to the current connection.",
            "UNBLOCK <clientid> [TIMEOUT|ERROR]",
            "    Unblock the specified blocked client.",
            "SETINFO <option> <value>",
            "    Set client meta attr. Options are:",
            "    * LIB-NAME: the client lib name.",
            "    * LIB-VER: the client lib version.",
            "NO-EVICT (ON|OFF)",
            "    Protect current client connection from eviction.",
            "NO-TOUCH (ON|OFF)",
            "    Will not touch LRU/LFU stats when this mode is on."));
    }
}
