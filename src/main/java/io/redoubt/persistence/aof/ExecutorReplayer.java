package io.redoubt.persistence.aof;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandExecutor;
import io.redoubt.net.Client;
import io.redoubt.net.Reply;
import io.redoubt.server.Server;

/**
 * Redis's fake AOF client: a connection with no socket (an embedded channel), authenticated, whose replies
 * are thrown away. Loaded commands run through the executor's {@link CommandExecutor#replay}, so SELECT and
 * every handler behave as for a client.
 */
public final class ExecutorReplayer implements AofReplayer {
    private final CommandExecutor executor;
    private final CommandContext context;

    public ExecutorReplayer(Server server, CommandExecutor executor) {
        this.executor = executor;
        Reply reply = new Reply();
        reply.target(Unpooled.buffer(1024));
        this.context = new CommandContext(server, new Client(new EmbeddedChannel(), true, "aof"), reply);
    }

    @Override
    public boolean replay(byte[][] argv) {
        return executor.replay(context, argv);
    }
}
