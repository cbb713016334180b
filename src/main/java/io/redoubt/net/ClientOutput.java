package io.redoubt.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.redoubt.command.connection.ClientLine;
import io.redoubt.config.Directive;
import io.redoubt.config.OutputBufferLimits;
import io.redoubt.config.OutputBufferLimits.ClientClass;
import io.redoubt.config.OutputBufferLimits.Limit;
import io.redoubt.server.ServerStats;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's output seen as Redis's client output buffer. Pushes (published messages) may come from any
 * thread: they are queued and written with one flush by a task on the channel's event loop, so a burst of
 * messages costs one write. What is queued here plus what Netty has not sent yet is the client's output
 * memory (omem), held to client-output-buffer-limit: past the hard limit, or past the soft limit for longer
 * than its seconds, the connection is closed, as Redis closes it, and nothing more is queued for it.
 */
public final class ClientOutput {
    private static final Logger log = LoggerFactory.getLogger(ClientOutput.class);

    private final ChannelHandlerContext ctx;
    private final Client client;
    private final ServerStats stats;
    private final Directive limits;
    private List<byte[]> queue = new ArrayList<>();
    private volatile long queuedBytes;
    private boolean flushScheduled;
    private volatile boolean closed;
    /** When the soft limit was first seen reached, in seconds; 0 while under it (Redis's obuf_soft_limit_reached_time). */
    private long softLimitSince;

    public ClientOutput(ChannelHandlerContext ctx, Client client, ServerStats stats, Directive limits) {
        this.ctx = ctx;
        this.client = client;
        this.stats = stats;
        this.limits = limits;
    }

    long queuedBytes() {
        return queuedBytes;
    }

    /** Queues an encoded push for this connection; called with the keyspace lock held, from any thread. */
    public void push(byte[] frame) {
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.add(frame);
            queuedBytes += frame.length;
            schedule = !flushScheduled;
            flushScheduled = true;
        }
        if (schedule) {
            ctx.executor().execute(this::flush);
        }
        enforceLimit();
    }

    /**
     * Moves what is queued into the reply buffer of a batch about to run (keyspace lock held, on the event loop):
     * messages published before the batch took the lock reach the client before the batch's replies.
     */
    void takeQueued(ByteBuf out) {
        synchronized (this) {
            if (queue.isEmpty()) {
                return;
            }
            for (byte[] f : queue) {
                out.writeBytes(f);
            }
            queue = new ArrayList<>();
            queuedBytes = 0;
        }
    }

    private void flush() {
        List<byte[]> batch;
        long bytes;
        synchronized (this) {
            batch = queue;
            bytes = queuedBytes;
            queue = new ArrayList<>();
            flushScheduled = false;
            if (closed || batch.isEmpty() || !ctx.channel().isActive()) {
                queuedBytes = 0;
                return;
            }
        }
        ByteBuf out = ctx.alloc().ioBuffer((int) Math.min(bytes, Integer.MAX_VALUE));
        for (byte[] f : batch) {
            out.writeBytes(f);
        }
        client.countOut(bytes);
        stats.netOut(bytes);
        ctx.write(out); // counted by Netty's outbound buffer before leaving the queue's count
        synchronized (this) {
            queuedBytes = Math.max(0, queuedBytes - bytes);
        }
        ctx.flush();
    }

    /**
     * Closes the connection when its output passes the limits of its class (pubsub while subscribed, normal
     * otherwise). Called after pushes and after each batch of replies, as Redis checks when it adds to a buffer.
     */
    public void enforceLimit() {
        if (closed) {
            return;
        }
        ClientClass cls = client.subscriptions().active() ? ClientClass.PUBSUB : ClientClass.NORMAL;
        Limit limit = OutputBufferLimits.of(limits.value()).of(cls);
        if (limit.hardBytes() == 0 && limit.softBytes() == 0) {
            return;
        }
        long used = client.pendingOutputBytes();
        if (used == 0 || !exceeded(limit, used, System.currentTimeMillis() / 1000)) {
            return;
        }
        StringBuilder line = new StringBuilder();
        ClientLine.append(line, client, System.currentTimeMillis(), 0); // as it was when found over the limit
        synchronized (this) {
            if (closed) {
                return; // the publisher's thread and the client's own may both find it over
            }
            closed = true;
            queue = new ArrayList<>();
            queuedBytes = 0;
        }
        log.warn("Client {} scheduled to be closed ASAP for overcoming of output buffer limits.",
            line.toString().strip());
        client.closeAfterReply();
        ctx.channel().close();
    }

    /** Redis's checkClientOutputBufferLimits: the soft limit counts once it has held for more than its seconds. */
    private boolean exceeded(Limit l, long used, long nowSeconds) {
        boolean hard = l.hardBytes() != 0 && used >= l.hardBytes();
        boolean soft = l.softBytes() != 0 && used >= l.softBytes();
        synchronized (this) {
            if (!soft) {
                softLimitSince = 0;
            } else if (softLimitSince == 0) {
                softLimitSince = nowSeconds;
                soft = false;
            } else {
                soft = nowSeconds - softLimitSince > l.softSeconds();
            }
        }
        return hard || soft;
    }

    /** The connection is gone: nothing more is queued. */
    void close() {
        synchronized (this) {
            closed = true;
            queue = new ArrayList<>();
            queuedBytes = 0;
        }
    }
}
