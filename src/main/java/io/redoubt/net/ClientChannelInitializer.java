package io.redoubt.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.redoubt.command.CommandExecutor;
import io.redoubt.config.Directive;
import io.redoubt.server.Server;
import io.redoubt.tls.TlsHandshakeHandler;
import io.redoubt.tls.TlsReloader;
import io.redoubt.tls.TlsState;
import javax.net.ssl.SSLSession;

/**
 * Builds the pipeline of each accepted client connection: byte counting, RESP decoding, command handling.
 * On a TLS listener the connection first gets a TLS handler from the contexts in force at accept time and
 * the RESP handlers are added once the handshake has succeeded.
 */
public final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final Server server;
    private final CommandExecutor executor;
    private final String transportName;
    private final Directive requirepass;
    private final Directive keepalive;
    private final Directive protectedMode;
    private final TlsReloader tls;

    /** A plain listener's initializer when tls is null, a TLS listener's otherwise. */
    public ClientChannelInitializer(Server server, CommandExecutor executor, TlsReloader tls) {
        this.server = server;
        this.executor = executor;
        this.tls = tls;
        this.transportName = tls == null ? "tcp" : "tls";
        this.requirepass = server.directives().get("requirepass");
        this.keepalive = server.directives().get("tcp-keepalive");
        this.protectedMode = server.directives().get("protected-mode");
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
        if (tls == null) {
            addRespHandlers(ch, client);
            return;
        }
        TlsState state = tls.current();
        if (state == null) {
            ch.close(); // cannot happen while the TLS listener is bound: it binds only after a successful load
            return;
        }
        ch.pipeline()
            .addLast("tls", state.contexts().newServerHandler(ch.alloc()))
            .addLast("handshake", new TlsHandshakeHandler((ctx, session) -> {
                client.tlsSession(session.getProtocol(), session.getCipherSuite(), state.generation());
                addRespHandlers(ch, client);
            }, tls.events(), "client"));
    }

    private void addRespHandlers(SocketChannel ch, Client client) {
        if (ProtectedMode.refuses(protectedMode.asBool(), requirepass.value(), ch.remoteAddress())) {
            ch.writeAndFlush(ch.alloc().buffer().writeBytes(
                ProtectedMode.DENIED.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            return;
        }
        ClientHandler handler = new ClientHandler(server, executor, client);
        ch.pipeline().addLast("resp", handler.decoder()).addLast("client", handler);
    }
}
