package io.redoubt.command;

import io.redoubt.command.transaction.Transaction;
import io.redoubt.config.Directive;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.keyspace.CollectionLimits;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.keyspace.ListNodeLimit;
import io.redoubt.net.Client;
import io.redoubt.net.Reply;
import io.redoubt.server.Blocking;
import io.redoubt.server.Server;
import io.redoubt.util.Bytes;
import java.util.List;

/** What a command sees: its arguments, its client, the reply being written and the server. One per connection. */
public final class CommandContext {
    public final Server server;
    public final Client client;
    public final Reply reply;
    private byte[][] args;
    private CommandSpec spec;
    private Blocking.Request blockRequest;
    private final Transaction transaction;
    /** Read by every list write, so held rather than looked up by name each time. */
    private final Directive listMaxListpackSize;
    private CommandExecutor executor;
    /** What the running command declared it propagates (null: as received); see {@link #propagateAs}. */
    private List<byte[][]> propagated;
    /** The command goes, as received, to replicas only; see {@link #propagateToReplicas}. */
    private boolean toReplicasOnly;
    /** Commands of one batch run back to back: the clock read that ends one is where the next starts. */
    private boolean batching;
    private boolean clockCarried;
    private long carriedClock;

    public CommandContext(Server server, Client client, Reply reply) {
        this.server = server;
        this.client = client;
        this.reply = reply;
        this.transaction = new Transaction(client);
        this.listMaxListpackSize = server.directives().get("list-max-listpack-size");
    }

    void executor(CommandExecutor executor) {
        this.executor = executor;
    }

    /**
     * Marks the start (true) or end (false) of a batch of commands read together and run under one lock hold.
     * Within it each command's start time is the previous one's end time, sparing one clock read per command;
     * the few instructions between two commands count towards the second.
     */
    public void batch(boolean on) {
        batching = on;
        clockCarried = false;
    }

    /** When the command about to run starts, in {@link System#nanoTime()} terms. */
    long commandStart() {
        if (clockCarried) {
            clockCarried = false;
            return carriedClock;
        }
        return System.nanoTime();
    }

    /** The command that ran ended at this time; inside a batch, the next one starts there. */
    void commandEnded(long nanos) {
        if (batching) {
            carriedClock = nanos;
            clockCarried = true;
        }
    }

    /** This connection's MULTI state and watched keys. */
    public Transaction transaction() {
        return transaction;
    }

    /** EXEC: runs one queued command line, its reply going into EXEC's array (lock held). */
    public void runQueued(byte[][] line) {
        executor.runQueued(this, line);
    }

    void begin(CommandSpec spec, byte[][] args) {
        this.spec = spec;
        this.args = args;
        this.toReplicasOnly = false;
    }

    public CommandSpec spec() {
        return spec;
    }

    public byte[][] args() {
        return args;
    }

    public int argc() {
        return args.length;
    }

    public byte[] arg(int i) {
        return args[i];
    }

    public String argString(int i) {
        return Bytes.str(args[i]);
    }

    /** The argument in lower case, for matching option words. */
    public String option(int i) {
        return Bytes.lowerAscii(args[i]);
    }

    public boolean argIs(int i, String word) {
        return Bytes.equalsIgnoreCase(args[i], word);
    }

    /** The argument as a 64-bit integer, or Redis's "value is not an integer or out of range". */
    public long longArg(int i) {
        return longArg(i, null);
    }

    /** The argument as a 64-bit integer, or the given error (null: the one above) when it is not one. */
    public long longArg(int i, String error) {
        long[] out = new long[1];
        if (!Bytes.parseLong(args[i], 0, args[i].length, out)) {
            throw error == null ? RedisError.NOT_INTEGER : new RedisError(error);
        }
        return out[0];
    }

    /**
     * The argument as an integer from min to max: Redis's getRangeLongFromObjectOrReply, with its wording
     * ("value must between") when out of range.
     */
    public long longArgInRange(int i, long min, long max) {
        long v = longArg(i);
        if (v < min || v > max) {
            throw new RedisError("ERR value is out of range, value must between " + min + " and " + max);
        }
        return v;
    }

    /** Redis's error for a subcommand given arguments it does not take: "... for 'get'. Try SLOWLOG HELP." */
    public RedisError subcommandSyntaxError() {
        return new RedisError("ERR unknown subcommand or wrong number of arguments for '" + argString(1)
            + "'. Try " + argString(0).toUpperCase(java.util.Locale.ROOT) + " HELP.");
    }

    /**
     * Asks to block this client until one of {@code keys} holds a value of {@code type} or the deadline
     * ({@link #timeoutArg}) passes. The handler writes no reply; when a key becomes ready the command runs
     * again from the start and may answer or block again. Inside EXEC nothing blocks: the command answers
     * at once as if its timeout had passed, as Redis does.
     */
    public void block(List<byte[]> keys, String type, long deadlineMs) {
        block(new Blocking.Request(keys, type, deadlineMs));
    }

    public void block(Blocking.Request request) {
        propagateNothing(); // blocked, or answered as timed out inside EXEC: nothing changed
        if (transaction.executing()) {
            request.onTimeout().accept(reply);
            return;
        }
        blockRequest = request;
    }

    /** Whether the command that just ran asked to block. */
    public boolean blockPending() {
        return blockRequest != null;
    }

    /** The block asked for by the command that just ran, or null; clears it. */
    public Blocking.Request takeBlockRequest() {
        Blocking.Request r = blockRequest;
        blockRequest = null;
        return r;
    }

    /**
     * A blocking command's timeout in seconds (a float) as an absolute deadline in milliseconds; 0 means wait
     * forever. See {@link BlockTimeout}.
     */
    public long timeoutArg(int i) {
        return BlockTimeout.deadline(args[i], keyspace().now());
    }

    /** Reports a keyspace event on a key of the client's database (notify-keyspace-events decides if it is sent). */
    public void notifyKeyEvent(int type, String event, byte[] key) {
        server.keyspace().events().notify(type, event, client.db(), key);
    }

    /** The same for a key of another database (MOVE, COPY ... DB). */
    public void notifyKeyEvent(int type, String event, byte[] key, int db) {
        server.keyspace().events().notify(type, event, db, key);
    }

    /** Whether anyone receives propagated effects: handlers skip building rewrites when not. */
    public boolean propagating() {
        return server.propagator().active();
    }

    /**
     * Declares what this command propagates to the AOF and replicas instead of its arguments as received
     * (Redis's rewriteClientCommandVector / alsoPropagate); several calls propagate several commands.
     */
    public void propagateAs(byte[]... argv) {
        if (!propagating()) {
            return;
        }
        if (propagated == null || propagated == NOTHING) {
            propagated = new java.util.ArrayList<>(1);
        }
        propagated.add(argv);
    }

    /**
     * Declares the deletion of a key whose new expiry time is already past (EXPIRE, GETEX): DEL, or UNLINK with
     * lazyfree-lazy-expire, as Redis propagates it.
     */
    public void propagateExpiredDeletion(byte[] key) {
        if (propagating()) {
            propagateAs(server.propagator().expiredDeletion(key));
        }
    }

    /** Declares that this command changed nothing, so it propagates nothing (Redis: server.dirty unchanged). */
    public void propagateNothing() {
        propagated = NOTHING;
    }

    /**
     * Declares that this command, as received, goes to replicas but not to the AOF (Redis's
     * forceCommandPropagation with PROPAGATE_REPL): PUBLISH and SPUBLISH, so subscribers on replicas get them.
     */
    public void propagateToReplicas() {
        toReplicasOnly = true;
    }

    boolean propagatesToReplicasOnly() {
        return toReplicasOnly;
    }

    private static final List<byte[][]> NOTHING = List.of();

    /** What the command that just ran declared (null: its arguments as received); clears it. */
    List<byte[][]> takePropagated() {
        List<byte[][]> p = propagated;
        propagated = null;
        return p;
    }

    public Keyspace keyspace() {
        return server.keyspace();
    }

    public Database db() {
        return server.keyspace().db(client.db());
    }

    /** The list node limit list-max-listpack-size sets now (CONFIG SET applies to the next command). */
    public ListNodeLimit listNodeLimit() {
        return ListNodeLimit.of(listMaxListpackSize.asLong());
    }

    /** The hash and set encoding thresholds in force (read per command: CONFIG SET may change them). */
    public CollectionLimits collectionLimits() {
        DirectiveRegistry d = server.directives();
        return new CollectionLimits(d.get("hash-max-listpack-entries").asLong(),
            d.get("hash-max-listpack-value").asLong(), d.get("set-max-intset-entries").asLong(),
            d.get("set-max-listpack-entries").asLong(), d.get("set-max-listpack-value").asLong());
    }
}
