package io.redoubt.persistence.aof;

/** Runs one command read from an AOF, as Redis's fake AOF client does. Returns false for an unknown command. */
@FunctionalInterface
public interface AofReplayer {
    boolean replay(byte[][] argv);
}
