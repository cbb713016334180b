package io.redoubt.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Turns away a connection that must not become a client (maxclients reached, protected mode): Redis's error
 * is written and the connection closed. No RESP handler is ever added, and whatever the client already sent
 * (a command pipelined with its first bytes, or behind a TLS handshake) is dropped here undecoded, so none of
 * it runs; reading it rather than leaving it in the socket lets the close end with a FIN the client can read
 * the error before, not a reset.
 */
@ChannelHandler.Sharable
final class RefusedConnection extends ChannelInboundHandlerAdapter {
    static final String MAXCLIENTS = "-ERR max number of clients reached\r\n";
    private static final RefusedConnection DROP = new RefusedConnection();

    private RefusedConnection() {
    }

    /** Writes the reply (a fixed ASCII error), then closes; everything read meanwhile is discarded. */
    static void refuse(Channel ch, String reply) {
        ch.pipeline().addLast("refused", DROP);
        ch.writeAndFlush(Unpooled.copiedBuffer(reply, StandardCharsets.US_ASCII)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    /** A refused client that resets (or fails its TLS) is expected, not worth a warning per connection. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
