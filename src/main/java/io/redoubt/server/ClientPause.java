package io.redoubt.server;

import io.netty.util.concurrent.EventExecutor;
import io.redoubt.command.CommandSpec;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * CLIENT PAUSE: until a deadline or CLIENT UNPAUSE, commands of the paused kind are held back. WRITE holds
 * commands that write or may replicate (EVAL, PUBLISH, PFCOUNT, ...); ALL holds every command. Connections
 * whose next command is held wait here without blocking their I/O thread and are resumed on their own event
 * loop. State changes happen with the keyspace lock held.
 */
public final class ClientPause {
    public enum Mode { WRITE, ALL }

    private volatile long endMs;
    private volatile Mode mode;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    /** Compared by identity: each wait is its own. */
    private static final class Waiter {
        final EventExecutor loop;
        final Runnable resume;

        Waiter(EventExecutor loop, Runnable resume) {
            this.loop = loop;
            this.resume = resume;
        }
    }

    /** Pauses until {@code endMs}; like Redis, a later deadline wins and the newest mode applies. */
    public void pause(long endMs, Mode mode) {
        this.mode = mode;
        this.endMs = Math.max(this.endMs, endMs);
    }

    /** CLIENT UNPAUSE: ends the pause and resumes every waiting connection. */
    public void unpause() {
        mode = null;
        endMs = 0;
        for (Waiter w : waiters) {
            if (waiters.remove(w)) {
                w.loop.execute(w.resume);
            }
        }
    }

    /** Whether a pause is set at all, which a connection asks before it reads the clock for {@link #paused}. */
    public boolean set() {
        return mode != null;
    }

    public boolean paused(long nowMs) {
        return mode != null && nowMs < endMs;
    }

    /** Whether a command must wait now. */
    public boolean holds(CommandSpec spec, long nowMs) {
        if (!paused(nowMs)) {
            return false;
        }
        return mode == Mode.ALL || spec.isWrite() || spec.hasFlag("may_replicate");
    }

    /**
     * Runs {@code resume} on {@code loop} when the pause ends (deadline or unpause). The resumed connection
     * checks again, so a pause extended meanwhile makes it wait again.
     */
    public void await(EventExecutor loop, Runnable resume) {
        Waiter w = new Waiter(loop, resume);
        waiters.add(w);
        long delay = Math.max(0, endMs - System.currentTimeMillis());
        loop.schedule(() -> {
            if (waiters.remove(w)) {
                resume.run();
            }
        }, delay + 1, TimeUnit.MILLISECONDS);
    }
}
