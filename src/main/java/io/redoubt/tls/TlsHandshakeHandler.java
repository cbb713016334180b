package io.redoubt.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.redoubt.util.RateLimitedLog;
import javax.net.ssl.SSLSession;
import org.slf4j.LoggerFactory;

/**
 * Waits for the TLS handshake of an inbound connection. On success it hands the channel on (the RESP
 * handlers are added only then, so an unfinished handshake never counts as a client); on failure it logs
 * Redis's "Error accepting a client connection" line, rate-limited, and the connection closes.
 */
public final class TlsHandshakeHandler extends ChannelInboundHandlerAdapter {
    private static final RateLimitedLog FAILURES =
        new RateLimitedLog(LoggerFactory.getLogger(TlsHandshakeHandler.class), 10, 10_000);

    /** Told of every finished handshake: the session on success, the failure class otherwise. */
    public interface Observer {
        void succeeded(ChannelHandlerContext ctx, SSLSession session);

        default void failed(ChannelHandlerContext ctx, HandshakeFailure why) {
        }
    }

    private final Observer observer;
    private final TlsEvents events;
    private final String listener;

    /** The listener name ("client", later "replication", "cluster") tags what events reports. */
    public TlsHandshakeHandler(Observer observer, TlsEvents events, String listener) {
        this.observer = observer;
        this.events = events;
        this.listener = listener;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
                ctx.pipeline().remove(this);
                events.handshakeSucceeded(listener, session.getProtocol());
                observer.succeeded(ctx, session);
                SessionTickets.sendNow(ctx);
            } else {
                HandshakeFailure why = HandshakeFailure.classify(done.cause());
                FAILURES.warn("Error accepting a client connection: {}: {} (addr={} laddr={})", why.description(),
                    HandshakeFailure.reason(done.cause()), ctx.channel().remoteAddress(), ctx.channel().localAddress());
                events.handshakeFailed(listener, why);
                observer.failed(ctx, why);
                if (why == HandshakeFailure.PLAINTEXT) {
                    // as from Redis, whose OpenSSL leaves the rest of the text unread, so closing resets it
                    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                }
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // handshake errors are reported through the completion event
    }

}
