package io.redoubt.replication;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.net.Client;
import io.redoubt.server.Server;
import io.redoubt.tls.TlsState;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's link to its master: connects (over TLS with tls-replication, with the client context of the TLS
 * state in force at connect time), runs the handshake and the sync ({@link SyncHandshake}), then applies the
 * stream ({@link StreamApplier}). Reconnects after a drop, asking to continue from its offset; answers REPLCONF
 * GETACK and acknowledges its offset every second; drops a link silent for repl-timeout seconds.
 */
final class MasterLink {
    private static final Logger log = LoggerFactory.getLogger(MasterLink.class);

    /** Redis's replica states, with the names ROLE shows. */
    enum State {
        CONNECT("connect"), CONNECTING("connecting"), HANDSHAKE("handshake"), TRANSFER("sync"), CONNECTED("connected");

        final String role;

        State(String role) {
            this.role = role;
        }
    }

    private final Replication repl;
    private final Server server;
    private final DirectiveRegistry directives;
    private final String host;
    private final int port;
    private volatile State state = State.CONNECT;
    private volatile Channel channel;
    private volatile boolean closed;
    private volatile boolean tls;
    private volatile String presentedCertificate;
    private volatile String masterCertificate;
    private volatile long lastIoMs;
    private volatile long downSinceMs;
    private volatile long nextAttemptMs;
    private volatile long lastAckMs;
    /** Bytes of the stream read but not yet applied (slave_read_repl_offset - slave_repl_offset). */
    private volatile long unapplied;
    private volatile long syncTotal = -1;
    private volatile long syncRead;
    private volatile Client masterClient;
    /** The database the master's stream had selected when the link dropped: a partial resync continues in it. */
    private volatile int streamDb;

    MasterLink(Replication repl, Server server, String host, int port) {
        this.repl = repl;
        this.server = server;
        this.directives = server.directives();
        this.host = host;
        this.port = port;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    State state() {
        return state;
    }

    boolean connected() {
        return state == State.CONNECTED;
    }

    void connect() {
        if (closed || repl.transport() == null) {
            return;
        }
        state = State.CONNECTING;
        lastIoMs = System.currentTimeMillis(); // repl-timeout counts from the attempt until the master speaks
        boolean useTls = directives.get("tls-replication").asBool();
        TlsState tlsState = useTls ? server.tls().current() : null; // taken now: a reloaded certificate serves new links
        if (useTls && tlsState == null) {
            log.warn("Unable to connect to MASTER: tls-replication is on but no TLS material is loaded");
            linkDown();
            return;
        }
        tls = useTls;
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, directives.get("repl-timeout").asLong() * 1000);
        Bootstrap b = new Bootstrap()
            .group(repl.transport().workers())
            .channel(repl.transport().socketChannelClass())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMs)
            .option(ChannelOption.TCP_NODELAY, !directives.get("repl-disable-tcp-nodelay").asBool())
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (tlsState != null) {
                        ch.pipeline().addLast("tls", tlsState.contexts().client().newHandler(ch.alloc(), host, port));
                    }
                    ch.pipeline()
                        .addLast("io", new ReadCounter())
                        .addLast("sync", new SyncHandshake(MasterLink.this, repl, server));
                }
            });
        ChannelFuture f = b.connect(host, port);
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                log.warn("Error condition on socket for SYNC: {}", done.cause().getMessage());
                linkDown();
            } else {
                lastIoMs = System.currentTimeMillis();
                f.channel().closeFuture().addListener(c -> linkDown());
            }
        });
    }

    /** The TLS handshake with the master succeeded: remembers both certificates for the Actuator. */
    void tlsEstablished(SSLSession session) {
        presentedCertificate = subject(session.getLocalCertificates());
        try {
            masterCertificate = subject(session.getPeerCertificates());
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            masterCertificate = null;
        }
    }

    private static String subject(Certificate[] chain) {
        return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x
            ? x.getSubjectX500Principal().getName() + " (serial " + x.getSerialNumber().toString(16) + ")" : null;
    }

    void handshaking() {
        state = State.HANDSHAKE;
    }

    void transferring(long total) {
        state = State.TRANSFER;
        syncTotal = total;
        syncRead = 0;
    }

    void transferProgress(long bytes) {
        syncRead += bytes;
    }

    /**
     * Sync done: commands from now on are applied by a client standing for the master, in database 0 after a
     * full sync, else in the one the stream had selected (as Redis resurrects its cached master client).
     */
    Client established(Channel ch, boolean partial) {
        Client c = new Client(ch, true, tls ? "tls" : "tcp");
        c.master(true);
        c.db(partial ? streamDb : 0);
        masterClient = c;
        server.clients().add(c);
        state = State.CONNECTED;
        downSinceMs = 0;
        syncTotal = -1;
        sendAck();
        log.info("MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization or finished the transfer.");
        return c;
    }

    private void linkDown() {
        Client c = masterClient;
        if (c != null) {
            streamDb = c.db();
            server.clients().remove(c);
            masterClient = null;
        }
        if (state == State.CONNECTED) {
            log.info("Connection with master lost.");
        }
        if (downSinceMs == 0) {
            downSinceMs = System.currentTimeMillis();
        }
        state = State.CONNECT;
        unapplied = 0;
        syncTotal = -1;
        nextAttemptMs = System.currentTimeMillis() + 1000;
    }

    /** Ends the link for good (REPLICAOF NO ONE or another master). */
    void close() {
        closed = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        Client c = masterClient;
        if (c != null) {
            server.clients().remove(c);
        }
    }

    boolean closed() {
        return closed;
    }

    void read(long bytes) {
        lastIoMs = System.currentTimeMillis();
        if (state == State.CONNECTED) {
            unapplied += bytes;
        }
    }

    void applied(long bytes) {
        unapplied = Math.max(0, unapplied - bytes);
    }

    /** REPLCONF ACK with the offset applied so far. */
    void sendAck() {
        Channel ch = channel;
        if (ch == null || state != State.CONNECTED) {
            return;
        }
        lastAckMs = System.currentTimeMillis();
        byte[] ack = StreamEncoding.encode(new byte[][] {
            StreamEncoding.ascii("REPLCONF"), StreamEncoding.ascii("ACK"),
            StreamEncoding.ascii(Long.toString(repl.offset()))});
        ch.writeAndFlush(Unpooled.wrappedBuffer(ack));
    }

    /** Once a second or so (lock held): reconnect, acknowledge, time the link out. */
    void cron(long now) {
        if (closed) {
            return;
        }
        if (state == State.CONNECT && now >= nextAttemptMs) {
            log.info("Connecting to MASTER {}:{}", host, port);
            connect();
            return;
        }
        long timeout = directives.get("repl-timeout").asLong() * 1000;
        if (state != State.CONNECT && now - lastIoMs > timeout) {
            log.warn("Timeout connecting to the MASTER or MASTER timed out: dropping the link");
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
            return;
        }
        if (state == State.CONNECTED && now - lastAckMs >= 1000) {
            sendAck();
        }
    }

    void info(BiConsumer<String, Object> field, long now) {
        boolean up = state == State.CONNECTED;
        field.accept("master_host", host);
        field.accept("master_port", port);
        field.accept("master_link_status", up ? "up" : "down");
        field.accept("master_last_io_seconds_ago", up ? (now - lastIoMs) / 1000 : -1);
        field.accept("master_sync_in_progress", state == State.TRANSFER ? 1 : 0);
        field.accept("slave_read_repl_offset", repl.offset() + unapplied);
        field.accept("slave_repl_offset", repl.offset());
        if (state == State.TRANSFER) {
            long total = syncTotal;
            field.accept("master_sync_total_bytes", total);
            field.accept("master_sync_read_bytes", syncRead);
            field.accept("master_sync_left_bytes", total < 0 ? -1 : total - syncRead);
            field.accept("master_sync_perc", String.format(java.util.Locale.ROOT, "%.2f",
                total <= 0 ? 0.0 : syncRead * 100.0 / total));
            field.accept("master_sync_last_io_seconds_ago", (now - lastIoMs) / 1000);
        }
        if (!up) {
            field.accept("master_link_down_since_seconds", downSinceMs == 0 ? -1 : (now - downSinceMs) / 1000);
        }
    }

    Replication.LinkView view() {
        return new Replication.LinkView(host, port, tls, state.role, tls ? presentedCertificate : null,
            tls ? masterCertificate : null);
    }

    /** Notes every read from the master (master_last_io_seconds_ago, repl-timeout, slave_read_repl_offset). */
    private final class ReadCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b) {
                read(b.readableBytes());
                server.stats().netIn(b.readableBytes());
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent e && e.isSuccess()) {
                tlsEstablished(ctx.pipeline().get(SslHandler.class).engine().getSession());
            } else if (evt instanceof SslHandshakeCompletionEvent e) {
                log.warn("TLS handshake with MASTER {}:{} failed: {}", host, port, e.cause().getMessage());
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
