package io.redoubt.util;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Takes the keyspace lock the way short critical sections want: a few microseconds of spinning before
 * parking, since a batch usually finishes sooner than a park/unpark round trip through the kernel.
 */
public final class SpinThenPark {
    private static final int SPINS = 2000;

    private SpinThenPark() {
    }

    public static void lock(ReentrantLock lock) {
        if (lock.tryLock()) {
            return;
        }
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (!lock.isLocked() && lock.tryLock()) {
                return;
            }
        }
        lock.lock();
    }
}
