package io.redoubt.support;

import static org.assertj.core.api.Assertions.fail;

import java.util.function.BooleanSupplier;

/** Waits for what the server does on its own threads after the client has seen its effect (e.g. a close). */
public final class Eventually {
    private Eventually() {
    }

    /** Polls the condition every 10 ms; fails, naming what was awaited, when it does not hold within 10 s. */
    public static void holds(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
