package io.redoubt.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import io.netty.internal.tcnative.Buffer;
import io.netty.internal.tcnative.SSL;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Sends a server's TLS 1.3 session tickets as soon as the handshake ends, as OpenSSL (and so Redis) does.
 * BoringSSL holds them back until the next write; a zero-byte write makes them. Until something is sent
 * the client's Finished is acknowledged only by a delayed ACK, and a client with Nagle on (redis-benchmark)
 * holds its first command back behind it: 40 ms on every new connection.
 */
final class SessionTickets {
    private static final ByteBuffer NOTHING_DIRECT = ByteBuffer.allocateDirect(1);
    private static final long NOTHING_ADDRESS = Buffer.address(NOTHING_DIRECT);
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private SessionTickets() {
    }

    /**
     * tls-session-caching no on BoringSSL: turning the session cache off leaves stateless tickets, which resume
     * TLS 1.2 and TLS 1.3 sessions all the same; a new connection's engine is told to issue none.
     */
    static void turnOff(SSLEngine engine) {
        if (engine instanceof ReferenceCountedOpenSslEngine openssl) {
            synchronized (openssl) {
                SSL.setOptions(openssl.sslPointer(), SSL.SSL_OP_NO_TICKET);
            }
        }
    }

    /** Called on the channel's event loop once the handshake has succeeded. */
    static void sendNow(ChannelHandlerContext ctx) throws SSLException {
        ChannelHandlerContext tls = ctx.pipeline().context(SslHandler.class);
        if (tls == null || !(((SslHandler) tls.handler()).engine() instanceof ReferenceCountedOpenSslEngine engine)) {
            return;
        }
        // Each zero-byte write moves what fits of the pending records into the engine's network buffer
        // (a few KB; a ticket holding a client certificate is larger); draining that sends the bytes below
        // the SslHandler, as they are TLS records already.
        ByteBuf out = tls.alloc().directBuffer(engine.getSession().getPacketBufferSize());
        int drained;
        do {
            synchronized (engine) { // the engine's own lock, as its wrap and unwrap take it
                if (engine.isOutboundDone()) {
                    break;
                }
                SSL.writeToSSL(engine.sslPointer(), NOTHING_ADDRESS, 0);
            }
            drained = drain(engine, out);
        } while (drained > 0);
        if (out.isReadable()) {
            tls.writeAndFlush(out);
        } else {
            out.release();
        }
    }

    private static int drain(ReferenceCountedOpenSslEngine engine, ByteBuf out) throws SSLException {
        int total = 0;
        SSLEngineResult r;
        do {
            out.ensureWritable(engine.getSession().getPacketBufferSize());
            r = engine.wrap(NOTHING, out.nioBuffer(out.writerIndex(), out.writableBytes()));
            out.writerIndex(out.writerIndex() + r.bytesProduced());
            total += r.bytesProduced();
        } while (r.getStatus() == SSLEngineResult.Status.OK && r.bytesProduced() > 0);
        return total;
    }
}
