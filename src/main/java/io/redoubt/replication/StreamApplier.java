package io.redoubt.replication;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.redoubt.command.CommandContext;
import io.redoubt.net.Client;
import io.redoubt.net.ProtocolFault;
import io.redoubt.net.Reply;
import io.redoubt.net.RespDecoder;
import io.redoubt.server.Server;
import io.redoubt.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the master's stream on a replica: each command runs through the executor as the master's client
 * (exempt from read-only, never answered: replies go to a scratch buffer and are dropped), then goes on, byte
 * for byte, to our backlog and our own replicas, advancing our offset. REPLCONF GETACK is answered with
 * REPLCONF ACK. Commands of one read run under one hold of the keyspace lock, like a client's batch.
 */
final class StreamApplier extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(StreamApplier.class);

    private final MasterLink link;
    private final Replication repl;
    private final Server server;
    private final Client master;
    private final Reply scratch = new Reply();
    private final CommandContext context;
    private final List<byte[][]> pending = new ArrayList<>();
    private final RespDecoder decoder;
    private ChannelHandlerContext ctx;

    StreamApplier(MasterLink link, Replication repl, Server server, Client master) {
        this.link = link;
        this.repl = repl;
        this.server = server;
        this.master = master;
        this.context = new CommandContext(server, master, scratch);
        this.decoder = new RespDecoder(server.directives(), master, bytes -> { }, this::received);
    }

    /** The decoder that feeds this applier: it goes in the pipeline just before it. */
    RespDecoder decoder() {
        return decoder;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    private void received(Object msg) {
        if (msg instanceof ProtocolFault f) {
            log.warn("Protocol error from MASTER: {}; dropping the link", f.getMessage());
            ctx.close();
            return;
        }
        pending.add((byte[][]) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pending.isEmpty()) {
            return;
        }
        boolean ackAsked = false;
        ByteBuf out = ctx.alloc().heapBuffer();
        ReentrantLock lock = server.keyspace().lock();
        lock.lock();
        try {
            for (byte[][] argv : pending) {
                if (link.closed()) {
                    break; // REPLICAOF NO ONE came between two reads: nothing more from the old master
                }
                if (argv.length >= 2 && Bytes.equalsIgnoreCase(argv[0], "replconf")
                        && Bytes.equalsIgnoreCase(argv[1], "getack")) {
                    ackAsked = true;
                } else {
                    out.clear();
                    scratch.target(out);
                    scratch.protocol(2);
                    repl.executor().execute(context, argv);
                    context.takeBlockRequest(); // a master never sends a command that would block
                }
                repl.proxy(argv);
                link.applied(StreamEncoding.encodedLength(argv));
            }
        } finally {
            lock.unlock();
            out.release();
            pending.clear();
        }
        if (ackAsked) {
            link.sendAck();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("Replication link error: {}", cause.toString());
        ctx.close();
    }
}
