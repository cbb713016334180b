package io.redoubt.propagation;

import io.redoubt.keyspace.Keyspace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The command propagation feed (Redis's alsoPropagate / propagatePendingCommands): the effects of one
 * execution unit (a top-level command, EXEC included) are collected and handed to every registered consumer
 * when the unit ends, wrapped in MULTI ... EXEC when there are several, as Redis 7 does. Effects outside a unit
 * (active expiry) go out at once, unwrapped. Everything happens with the keyspace lock held; consumers
 * register and unregister with it held too, so a consumer sees exactly the effects after its registration.
 * With no consumer, nothing is collected or allocated.
 */
public final class Propagator implements Keyspace.ExpiryListener {
    private static final byte[][] MULTI = {Words.MULTI};
    private static final byte[][] EXEC = {Words.EXEC};

    private volatile PropagationConsumer[] consumers = new PropagationConsumer[0];
    private final List<Effect> pending = new ArrayList<>();
    private int depth;
    private BooleanSupplier lazyfreeExpire = () -> false;

    private record Effect(int db, byte[][] argv) {
    }

    /** Whether anyone listens: callers skip building effects when not. */
    public boolean active() {
        return consumers.length > 0;
    }

    /** Where lazyfree-lazy-expire is read: an expired key is then propagated as UNLINK instead of DEL. */
    public void lazyfreeExpire(BooleanSupplier setting) {
        this.lazyfreeExpire = setting;
    }

    /** Adds a consumer (keyspace lock held). */
    public synchronized void register(PropagationConsumer c) {
        PropagationConsumer[] now = consumers;
        PropagationConsumer[] next = java.util.Arrays.copyOf(now, now.length + 1);
        next[now.length] = c;
        consumers = next;
    }

    /** Removes a consumer (keyspace lock held). */
    public synchronized void unregister(PropagationConsumer c) {
        consumers = java.util.Arrays.stream(consumers).filter(x -> x != c).toArray(PropagationConsumer[]::new);
    }

    /** Whether the running unit has effects not handed out yet (a transaction that already wrote). */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** A top-level command starts: its effects are held until {@link #endUnit}. */
    public void beginUnit() {
        depth++;
    }

    /**
     * The unit ends: its effects go out, wrapped in MULTI/EXEC when there are several, unless
     * {@code mayWrap} is false (commands touching arbitrary keys, SCAN and RANDOMKEY, whose lazy-expiry DELs
     * Redis 7 sends unwrapped).
     */
    public void endUnit(boolean mayWrap) {
        if (--depth > 0 || pending.isEmpty()) {
            return;
        }
        boolean wrap = mayWrap && pending.size() > 1;
        if (wrap) {
            deliver(pending.get(0).db, MULTI);
        }
        int lastDb = 0;
        for (Effect e : pending) {
            deliver(e.db, e.argv);
            lastDb = e.db;
        }
        pending.clear();
        if (wrap) {
            deliver(lastDb, EXEC);
        }
        endOfUnit();
    }

    /** One effect: held when inside a unit, else delivered now. */
    public void propagate(int db, byte[][] argv) {
        if (!active()) {
            return;
        }
        if (depth > 0) {
            pending.add(new Effect(db, argv));
        } else {
            deliver(db, argv);
            endOfUnit();
        }
    }

    /** An expired key was deleted, lazily or by the active cycle. */
    @Override
    public void expired(int db, byte[] key) {
        if (active()) {
            propagate(db, expiredDeletion(key));
        }
    }

    /** How the deletion of an expired key is propagated: DEL, or UNLINK with lazyfree-lazy-expire. */
    public byte[][] expiredDeletion(byte[] key) {
        return new byte[][] {lazyfreeExpire.getAsBoolean() ? Words.UNLINK : Words.DEL, key};
    }

    private void endOfUnit() {
        for (PropagationConsumer c : consumers) {
            c.endOfUnit();
        }
    }

    private void deliver(int db, byte[][] argv) {
        for (PropagationConsumer c : consumers) {
            c.propagate(db, argv);
        }
    }
}
