package io.redoubt.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** Server-wide counters behind INFO stats and errorstats. Command counters change with the keyspace lock held. */
public final class ServerStats {
    private long commandsProcessed;
    private long errorReplies;
    private final Map<String, Long> errorsByCode = new TreeMap<>();
    /** Added to by every event loop: adders, so the loops do not contend for one cache line. */
    private final LongAdder netInput = new LongAdder();
    private final LongAdder netOutput = new LongAdder();
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
        netInput.add(bytes);
    }

    public void netOut(long bytes) {
        netOutput.add(bytes);
    }

    public long netInput() {
        return netInput.sum();
    }

    public long netOutput() {
        return netOutput.sum();
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
        netInput.reset();
        netOutput.reset();
        lastSampleCommands = 0;
    }
}
