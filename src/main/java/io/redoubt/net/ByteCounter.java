package io.redoubt.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.redoubt.server.ServerStats;

/**
 * Counts bytes read from the network (after TLS), for INFO's total_net_input_bytes and CLIENT LIST, and notes
 * the read as the client's last interaction for the idle {@code timeout}.
 */
final class ByteCounter extends ChannelInboundHandlerAdapter {
    private final ServerStats stats;
    private final Client client;

    ByteCounter(ServerStats stats, Client client) {
        this.stats = stats;
        this.client = client;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            int n = b.readableBytes();
            stats.netIn(n);
            client.countIn(n);
            client.interacted(System.currentTimeMillis()); // like Redis, any bytes read (even a partial request) count for timeout
        }
        ctx.fireChannelRead(msg);
    }
}
