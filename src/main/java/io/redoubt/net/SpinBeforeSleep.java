package io.redoubt.net;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;

/**
 * How an epoll event loop waits: when nothing is ready it polls for a short while before going to sleep in
 * epoll_wait, so that under steady load the next request finds the loop awake. A loop that sleeps has to be
 * woken by the client's next write, and that wake-up is paid by the client: on two cores shared with
 * redis-benchmark, a loop that served faster than the client sent slept tens of thousands of times a second
 * and made the client, the bottleneck, slower still. Polling only pays when work comes back quickly: each
 * poll that found nothing doubles the number of idle periods that go straight to sleep (up to 1024), and a
 * poll that found work resets it, so a lightly loaded server all but never spins. One instance per loop.
 */
final class SpinBeforeSleep implements SelectStrategy {
    private static final int MAX_SKIPS = 1024;

    private final long spinNanos;
    /** Idle periods to sleep through without polling, after polls that found nothing. */
    private int skipsAfterMiss;
    private int toSkip;

    SpinBeforeSleep(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (hasTasks) {
            return selectNow.get(); // tasks are waiting: take what is ready without waiting
        }
        if (toSkip > 0) {
            toSkip--;
            return SELECT;
        }
        long deadline = System.nanoTime() + spinNanos;
        do {
            int ready = selectNow.get();
            if (ready > 0) {
                skipsAfterMiss = 0;
                return ready;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - deadline < 0);
        skipsAfterMiss = Math.min(MAX_SKIPS, Math.max(1, skipsAfterMiss * 2));
        toSkip = skipsAfterMiss;
        return SELECT;
    }
}
