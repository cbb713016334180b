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
 * the RESP handlers are added once the handshake has succeeded. A connection is a client from accept. One
 * refused (maxclients, protected mode) never gets the RESP handlers, so nothing it sent ever runs.
 */
public final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final Server server;
    private final CommandExecutor executor;
    private final String transportName;
    private final Directive requirepass;
    private final Directive keepalive;
    private final Directive protectedMode;
    private final Directive maxclients;
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
        this.maxclients = server.directives().get("maxclients");
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
        TlsState state = tls == null ? null : tls.current();
        if (tls != null && state == null) {
            ch.close(); // cannot happen while the TLS listener is bound: it binds only after a successful load
            return;
        }
        if (full()) {
            if (tls == null) {
                refuse(ch, RefusedConnection.MAXCLIENTS);
            } else {
                // Redis checks maxclients on accept, before any handshake: its error cannot be written yet, so
                // the TLS client only sees the connection closed during the handshake
                server.clients().countRejected();
                ch.close();
            }
            return;
        }
        // As in Redis, the client exists from accept until its channel closes: a pending handshake holds a place
        // under maxclients, shows in CLIENT LIST and INFO, and is closed by the idle timeout like any client
        Client client = new Client(ch, requirepass.value().isEmpty(), transportName);
        server.clients().add(client);
        ch.closeFuture().addListener(f -> server.clients().remove(client));
        if (tls == null) {
            serve(ch, client);
            return;
        }
        ch.pipeline()
            .addLast("tls", state.contexts().newServerHandler(ch.alloc()))
            .addLast("handshake", new TlsHandshakeHandler((ctx, session) -> {
                client.tlsSession(session.getProtocol(), session.getCipherSuite(), state.generation());
                serve(ch, client);
            }, tls.events(), "client"));
    }

    /** Protected mode is checked once the client could be told (after the handshake), as Redis does. */
    private void serve(SocketChannel ch, Client client) {
        if (ProtectedMode.refuses(protectedMode.asBool(), requirepass.value(), ch.remoteAddress())) {
            refuse(ch, ProtectedMode.DENIED);
            return;
        }
        server.clients().countReceived();
        ClientHandler handler = new ClientHandler(server, executor, client);
        ch.pipeline().addLast("resp", handler.decoder()).addLast("client", handler);
    }

    private boolean full() {
        return server.clients().count() >= maxclients.asLong();
    }

    private void refuse(SocketChannel ch, String reply) {
        server.clients().countRejected();
        RefusedConnection.refuse(ch, reply);
    }
}
