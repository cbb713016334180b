package io.redoubt.util;

import org.slf4j.Logger;

/**
 * Lets a burst of warnings through, then counts instead of logging until the window ends, so that a
 * port scan cannot flood the log. The next logged line says how many were suppressed.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final int perWindow;
    private final long windowMs;
    private long windowStart;
    private int inWindow;
    private long suppressed;

    public RateLimitedLog(Logger log, int perWindow, long windowMs) {
        this.log = log;
        this.perWindow = perWindow;
        this.windowMs = windowMs;
    }

    public synchronized void warn(String format, Object... args) {
        long now = System.currentTimeMillis();
        if (now - windowStart >= windowMs) {
            if (suppressed > 0) {
                log.warn("({} similar warnings suppressed in the last {} s)", suppressed, windowMs / 1000);
            }
            windowStart = now;
            inWindow = 0;
            suppressed = 0;
        }
        if (inWindow++ < perWindow) {
            log.warn(format, args);
        } else {
            suppressed++;
        }
    }
}
