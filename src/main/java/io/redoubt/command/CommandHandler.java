package io.redoubt.command;

/** The body of one command: reads arguments from the context and writes exactly one reply. */
@FunctionalInterface
public interface CommandHandler {
    void run(CommandContext c);
}
