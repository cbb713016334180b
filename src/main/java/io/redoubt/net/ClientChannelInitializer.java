package io.redoubt.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.redoubt.command.CommandExecutor;
import io.redoubt.config.Directive;
import io.redoubt.server.Server;

/** Builds the pipeline of each accepted client connection: byte counting, RESP decoding, command handling. */
public final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final Server server;
    private final CommandExecutor executor;
    private final String transportName;
    private final Directive maxBulk;
    private final Directive queryLimit;
    private final Directive requirepass;
    private final Directive keepalive;

    public ClientChannelInitializer(Server server, CommandExecutor executor, String transportName) {
        this.server = server;
        this.executor = executor;
        this.transportName = transportName;
        this.maxBulk = server.directives().get("proto-max-bulk-len");
        this.queryLimit = server.directives().get("client-query-buffer-limit");
        this.requirepass = server.directives().get("requirepass");
        this.keepalive = server.directives().get("tcp-keepalive");
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        int idle = keepalive.asInt();
        if (idle > 0) {
            ch.config().setOption(ChannelOption.SO_KEEPALIVE, true);
            if (ch.config().getOptions().containsKey(EpollChannelOption.TCP_KEEPIDLE)) {
                ch.config().setOption(EpollChannelOption.TCP_KEEPIDLE, idle);
                ch.config().setOption(EpollChannelOption.TCP_KEEPINTVL, Math.max(1, idle / 3));
            }
        }
        Client client = new Client(ch, requirepass.value().isEmpty(), transportName);
        ch.pipeline()
            .addLast("count", new ByteCounter(server.stats(), client))
            .addLast("resp", new RespDecoder(maxBulk, queryLimit, client))
            .addLast("client", new ClientHandler(server, executor, client));
    }
}
