package io.redoubt.command;

import io.redoubt.command.transaction.Transaction;
import io.redoubt.config.Directive;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.KeyState;
import io.redoubt.keyspace.ListMemory;
import io.redoubt.keyspace.WatchRegistry;
import io.redoubt.net.Client;
import io.redoubt.propagation.Propagator;
import io.redoubt.pubsub.Subscriptions;
import io.redoubt.server.Server;
import io.redoubt.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command for a client with the keyspace lock held: finds it, checks arity and authentication,
 * calls the handler, turns a {@link RedisError} into an error reply, and keeps commandstats, errorstats
 * and the slow log. Reply suppression (CLIENT REPLY OFF|SKIP) is applied here too.
 */
public final class CommandExecutor {
    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

    /** What a RESP2 connection may run while subscribed (RESP3 connections may run anything). */
    private static final Set<String> SUBSCRIBER_COMMANDS = Set.of("subscribe", "unsubscribe", "psubscribe",
        "punsubscribe", "ssubscribe", "sunsubscribe", "ping", "quit", "reset");

    private static final String MISCONF = "MISCONF Redis is configured to save RDB snapshots, but it's currently "
        + "unable to persist to disk. Commands that may modify the data set are disabled, because this instance is "
        + "configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). "
        + "Please check the Redis logs for details about the RDB error.";

    private final Server server;
    private final Directive slowlogThreshold;
    private final Directive slowlogMaxLen;

    public CommandExecutor(Server server) {
        this.server = server;
        this.slowlogThreshold = server.directives().get("slowlog-log-slower-than");
        this.slowlogMaxLen = server.directives().get("slowlog-max-len");
    }

    public void execute(CommandContext ctx, byte[][] args) {
        Subscriptions subs = ctx.client.subscriptions();
        subs.executing(true); // messages for this client wait for the command's reply, as in Redis 7.2
        Propagator feed = server.propagator();
        feed.beginUnit();
        CommandSpec spec = null;
        try {
            spec = executeInUnit(ctx, args);
        } finally {
            // the effects of this command (EXEC: of its transaction) go out before blocked clients are served;
            // SCAN and RANDOMKEY expire arbitrary keys, whose DELs Redis 7 does not wrap in MULTI/EXEC
            feed.endUnit(spec == null || !feed.active() || !spec.hasFlag("touches_arbitrary_keys"));
            subs.executing(false);
            subs.writeDeferred(ctx.reply.buffer());
        }
        // clients blocked on keys this command made ready go next, as in Redis; after EXEC, once for all of it
        server.blocking().serveReady();
    }

    private CommandSpec executeInUnit(CommandContext ctx, byte[][] args) {
        Client client = ctx.client;
        ctx.executor(this);
        int mark = ctx.reply.buffer().writerIndex();
        // CLIENT NO-TOUCH spares access times, except for TOUCH itself (as in Redis 7.2)
        long start = ctx.commandStart();
        server.keyspace().beginCommand(start, !client.noTouch() || Bytes.equalsIgnoreCase(args[0], "touch"));
        client.interacted(server.keyspace().now());
        CommandSpec spec = server.commands().find(args[0]);
        if (spec == null) {
            String name = Bytes.lowerAscii(args[0]);
            if (name.equals("host:") || name.equals("post")) {
                log.warn("Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands "
                    + "to Redoubt. This is likely due to an attacker attempting to use Cross Protocol Scripting. "
                    + "Connection from {} aborted.", client.address());
                ctx.reply.buffer().clear(); // Redis drops the replies it has not written yet: nothing goes back
                client.closeAfterReply();
                return null;
            }
            fail(ctx, null, unknownCommand(args));
            finishReply(ctx, mark);
            return null;
        }
        String name = spec.name();
        if (spec.isContainer() && args.length >= 2) { // alone, a container runs itself (COMMAND) or fails arity
            CommandSpec sub = spec.subcommand(Bytes.lowerAscii(args[1]));
            if (sub == null) {
                fail(ctx, spec, "ERR unknown subcommand '" + abbreviate(args[1]) + "'. Try "
                    + spec.name().toUpperCase() + " HELP.");
                finishReply(ctx, mark);
                return null;
            }
            spec = sub;
        }
        boolean queued = ctx.transaction().queues(name);
        if (!spec.arityAccepts(args.length)) {
            fail(ctx, spec, "ERR wrong number of arguments for '" + spec.fullName() + "' command");
        } else if (!client.authenticated() && !spec.hasFlag("no_auth")) {
            fail(ctx, spec, "NOAUTH Authentication required.");
        } else if (client.resp() == 2 && client.subscriptions().active() && !SUBSCRIBER_COMMANDS.contains(spec.fullName())) {
            fail(ctx, spec, "ERR Can't execute '" + spec.fullName() + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / "
                + "PING / QUIT / RESET are allowed in this context");
        } else if (server.snapshots().writesDenied() && (spec.isWrite() || name.equals("ping"))) {
            fail(ctx, spec, MISCONF); // stop-writes-on-bgsave-error, as Redis refuses writes and PING
        } else if (replicationRefusal(client, spec) != null) {
            fail(ctx, spec, replicationRefusal(client, spec)); // NOREPLICAS, READONLY, MASTERDOWN
        } else if (queued && spec.hasFlag("no_multi")) {
            fail(ctx, spec, "ERR Command not allowed inside a transaction");
        } else if (queued) {
            ctx.transaction().queue(args);
            ctx.reply.simple("QUEUED");
        } else {
            run(ctx, spec, args, start);
        }
        finishReply(ctx, mark);
        return spec;
    }

    /**
     * Runs a command read from an AOF at start-up, as Redis's fake AOF client: no statistics, no propagation,
     * no reply kept, errors ignored. Returns false for an unknown command.
     */
    public boolean replay(CommandContext ctx, byte[][] args) {
        ctx.executor(this);
        server.keyspace().beginCommand(System.nanoTime(), true);
        CommandSpec spec = server.commands().resolve(args);
        if (spec == null) {
            return false;
        }
        ctx.begin(spec, args);
        try {
            spec.handler().run(ctx);
        } catch (RedisError e) {
            // Redis does not look at the reply of a loaded command
        }
        ctx.takePropagated();
        ctx.reply.buffer().clear();
        return true;
    }

    private String replicationRefusal(Client client, CommandSpec spec) {
        return server.replication().refusal(client, spec);
    }

    /** A command queued after MULTI, run by EXEC: checked when queued, so it only runs. */
    public void runQueued(CommandContext ctx, byte[][] args) {
        CommandSpec spec = server.commands().resolve(args);
        if (spec == null) {
            errorReply(ctx, unknownCommand(args)); // cannot happen: unknown commands are refused, not queued
            return;
        }
        run(ctx, spec, args, System.nanoTime());
    }

    /** Runs a command that passed its checks; {@code start} is when it began, for commandstats and the slow log. */
    private void run(CommandContext ctx, CommandSpec spec, byte[][] args, long start) {
        ctx.begin(spec, args);
        ctx.client.lastCommand(spec.fullName());
        int db = ctx.client.db();
        List<KeyState> watched = watchedKeys(spec, args, db);
        boolean ok = true;
        try {
            spec.handler().run(ctx);
        } catch (RedisError e) {
            ok = false;
            spec.stats.failed++;
            errorReply(ctx, e.getMessage());
        } catch (ListMemory.Exhausted e) {
            ok = false;
            spec.stats.failed++;
            errorReply(ctx, "OOM " + e.getMessage());
        }
        if (watched != null) {
            touchChangedKeys(watched, db);
        }
        if (ok && spec.isWrite()) {
            server.snapshots().changed();
        }
        List<byte[][]> effects = ctx.takePropagated();
        if (ok && ctx.propagatesToReplicasOnly()) {
            server.propagator().propagateToReplicas(db, args);
        } else if (ok && server.propagator().active()) {
            propagate(spec, args, db, effects);
        }
        server.keyspace().endCommand(); // a DEL of a large list pays for giving its memory back, as in Redis
        long end = System.nanoTime();
        ctx.commandEnded(end);
        long micros = (end - start) / 1000;
        server.stats().commandProcessed();
        ctx.client.commandProcessed();
        if (ctx.blockPending()) {
            return; // commandstats and the slow log count it once, when it is served, times out or is unblocked
        }
        spec.stats.calls++;
        spec.stats.micros += micros;
        long threshold = slowlogThreshold.asLong();
        if (threshold >= 0 && micros >= threshold && !spec.hasFlag("skip_slowlog")) {
            server.slowLog().record(args, micros, ctx.client.address(), ctx.client.name(),
                slowlogMaxLen.asInt());
        }
    }

    /** Hands the command's effects to the feed: what it declared, else a write command as received. */
    private void propagate(CommandSpec spec, byte[][] args, int db, List<byte[][]> effects) {
        if (effects != null) {
            for (byte[][] argv : effects) {
                server.propagator().propagate(db, argv);
            }
        } else if (spec.isWrite()) {
            server.propagator().propagate(db, args);
        }
    }

    /**
     * WATCH: before a write command, the state of each key it names (found the way COMMAND GETKEYS finds
     * them), or null when nobody watches anything. Database-wide changes (FLUSHDB, SWAPDB), expiry and keys in
     * other databases (MOVE, COPY ... DB) mark from the keyspace or the command itself.
     */
    private List<KeyState> watchedKeys(CommandSpec spec, byte[][] args, int db) {
        WatchRegistry watches = server.keyspace().watches();
        if (watches.isEmpty() || !spec.isWrite() || !spec.hasKeys()) {
            return null;
        }
        List<CommandSpec.KeyAt> keys = spec.findKeys(args);
        if (keys == null) {
            return null;
        }
        Database database = server.keyspace().db(db);
        List<KeyState> states = new ArrayList<>(keys.size());
        for (CommandSpec.KeyAt k : keys) {
            states.add(KeyState.of(database, args[k.position()]));
        }
        return states;
    }

    /** After the command: marks the keys it actually changed, as Redis's signalModifiedKey calls do. */
    private void touchChangedKeys(List<KeyState> before, int db) {
        Database database = server.keyspace().db(db);
        for (KeyState k : before) {
            if (k.changedIn(database)) {
                server.keyspace().watches().touch(db, k.key());
            }
        }
    }

    /** A blocked command that ended without running again (timeout, CLIENT UNBLOCK): one call in commandstats. */
    public void countUnblocked(byte[][] args) {
        CommandSpec spec = server.commands().resolve(args);
        if (spec != null) {
            spec.stats.calls++;
        }
    }

    /** A command refused before it ran: counted as rejected, answered with the error. */
    private void fail(CommandContext ctx, CommandSpec spec, String error) {
        if (spec != null) {
            spec.stats.rejected++;
        }
        Transaction tx = ctx.transaction();
        if (spec != null && spec.name().equals("exec")) {
            // a refused EXEC ends the transaction at once, as Redis's execCommandAbort (even outside MULTI)
            tx.reset(server.keyspace().watches());
            error = "EXECABORT Transaction discarded because of: "
                + (error.startsWith("ERR ") ? error.substring(4) : error);
        } else {
            tx.flagRefused(); // inside MULTI, EXEC will answer EXECABORT
        }
        errorReply(ctx, error);
    }

    private void errorReply(CommandContext ctx, String error) {
        server.stats().errorReply(RedisError.code(error));
        ctx.reply.error(error);
    }

    private static void finishReply(CommandContext ctx, int mark) {
        Client c = ctx.client;
        switch (c.replyMode()) {
            case ON -> { }
            case OFF -> ctx.reply.buffer().writerIndex(mark);
            case SKIP -> {
                ctx.reply.buffer().writerIndex(mark);
                c.replyMode(Client.ReplyMode.SKIP_NEXT);
            }
            case SKIP_NEXT -> {
                ctx.reply.buffer().writerIndex(mark);
                c.replyMode(Client.ReplyMode.ON);
            }
        }
    }

    private static String unknownCommand(byte[][] args) {
        StringBuilder quoted = new StringBuilder();
        for (int i = 1; i < args.length && quoted.length() < 128; i++) {
            String a = abbreviate(args[i]);
            quoted.append('\'').append(a, 0, Math.min(a.length(), 128 - quoted.length())).append("' ");
        }
        return "ERR unknown command '" + abbreviate(args[0]) + "', with args beginning with: " + quoted;
    }

    /**
     * At most 128 bytes of a name or argument for an error text, as Redis's "%.128s" prints it: the bytes as they
     * came (one char each, which the error reply writes back as that byte) and nothing after a NUL.
     */
    private static String abbreviate(byte[] b) {
        int end = 0;
        while (end < b.length && end < 128 && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }
}
