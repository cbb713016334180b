package io.redoubt.command;

/** INFO commandstats counters of one command; updated with the keyspace lock held. */
public final class CommandStats {
    long calls;
    long micros;
    long rejected;
    long failed;

    public long calls() {
        return calls;
    }

    public long micros() {
        return micros;
    }

    public long rejected() {
        return rejected;
    }

    public long failed() {
        return failed;
    }

    void reset() {
        calls = 0;
        micros = 0;
        rejected = 0;
        failed = 0;
    }
}
