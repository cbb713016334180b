package io.redoubt.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Server-wide counters behind INFO stats and errorstats. Command counters change with the keyspace lock held. */
public final class ServerStats {
    private long commandsProcessed;
    private long errorReplies;
    private final Map<String, Long> errorsByCode = new TreeMap<>();
    private final AtomicLong netInput = new AtomicLong();
    private final AtomicLong netOutput = new AtomicLong();
    private final long[] opsSamples = new long[16];
    private int opsSampleIndex;
    private long lastSampleCommands;
    private long lastSampleMs = System.currentTimeMillis();

    public void commandProcessed() {
        commandsProcessed++;
    }

    public long commandsProcessed() {
        return commandsProcessed;
    }

    public void errorReply(String code) {
        errorReplies++;
        errorsByCode.merge(code, 1L, Long::sum);
    }

    public long errorReplies() {
        return errorReplies;
    }

    public Map<String, Long> errorsByCode() {
        return errorsByCode;
    }

    public void netIn(long bytes) {
        netInput.addAndGet(bytes);
    }

    public void netOut(long bytes) {
        netOutput.addAndGet(bytes);
    }

    public long netInput() {
        return netInput.get();
    }

    public long netOutput() {
        return netOutput.get();
    }

    /** Called from the cron to keep instantaneous_ops_per_sec (a mean over the last 16 samples). */
    public void sampleOps(long nowMs) {
        long dt = nowMs - lastSampleMs;
        if (dt <= 0) {
            return;
        }
        opsSamples[opsSampleIndex++ % opsSamples.length] = (commandsProcessed - lastSampleCommands) * 1000 / dt;
        lastSampleCommands = commandsProcessed;
        lastSampleMs = nowMs;
    }

    public long instantaneousOps() {
        long sum = 0;
        for (long s : opsSamples) {
            sum += s;
        }
        return sum / opsSamples.length;
    }

    public void reset() {
        commandsProcessed = 0;
        errorReplies = 0;
        errorsByCode.clear();
        netInput.set(0);
        netOutput.set(0);
        lastSampleCommands = 0;
    }
}
