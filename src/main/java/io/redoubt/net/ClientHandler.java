package io.redoubt.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;
import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandExecutor;
import io.redoubt.command.CommandSpec;
import io.redoubt.server.Blocking;
import io.redoubt.server.ClientPause;
import io.redoubt.server.Server;
import io.redoubt.util.SpinThenPark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's command loop. Commands decoded from one socket read are collected and, when the read is
 * complete, executed as one batch under the keyspace lock with their replies written into one buffer and
 * flushed once: pipelining costs one lock and one write per read, not per command. A command held back by
 * CLIENT PAUSE ends the batch early: the rest is kept, reading stops, and the batch runs again on this
 * channel's event loop when the pause ends. A command that blocks on keys (BLPOP) ends the batch the same
 * way; {@link Blocking} answers it from whichever thread serves it and then resumes this loop.
 */
public final class ClientHandler extends ChannelInboundHandlerAdapter implements Blocking.Waiting {
    private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);

    private final Server server;
    private final CommandExecutor executor;
    private final Client client;
    private final Reply reply = new Reply();
    private final CommandContext context;
    private final List<Object> pending = new ArrayList<>();
    private final RespDecoder decoder;
    private boolean waitingForPause;
    /** Blocked on keys; set and cleared on this channel's event loop only. */
    private boolean blockedOnKeys;
    private ChannelHandlerContext ctx;

    public ClientHandler(Server server, CommandExecutor executor, Client client) {
        this.server = server;
        this.executor = executor;
        this.client = client;
        this.context = new CommandContext(server, client, reply);
        this.decoder = new RespDecoder(server.directives(), client, new ByteCounter(server.stats(), client), pending::add);
    }

    public Client client() {
        return client;
    }

    /** The decoder that feeds this handler: it goes in the pipeline just before it. */
    public RespDecoder decoder() {
        return decoder;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        client.output(new ClientOutput(ctx, client, server.stats(), server.directives().get("client-output-buffer-limit")));
    }

    /** The client leaves the registry when its channel closes (ClientChannelInitializer registered it on accept). */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.output().close();
        if (blockedOnKeys || context.transaction().watching() || client.subscriptions().active()) {
            ReentrantLock lock = server.keyspace().lock();
            lock.lock();
            try {
                server.blocking().cancel(client.id());
                context.transaction().reset(server.keyspace().watches()); // a closed connection watches nothing
                server.pubsub().unsubscribeAll(client.subscriptions()); // ... and listens to nothing
            } finally {
                lock.unlock();
            }
        }
        pending.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pending.isEmpty()) {
            // like Redis, bytes read count for the idle timeout even when they are only part of a request;
            // a whole command marks the client itself, from the command clock, sparing a clock read per read
            client.interacted(System.currentTimeMillis());
        }
        drain(ctx);
    }

    /** Runs what has been read, batch after batch, until nothing is left or a pause or a block holds the client. */
    private void drain(ChannelHandlerContext ctx) {
        while (!pending.isEmpty() && !waitingForPause && !blockedOnKeys) {
            runBatch(ctx);
            if (!client.closing() && !waitingForPause && !blockedOnKeys) {
                decoder.commandsExecuted(); // resumes a request held back until an AUTH had run
            }
        }
    }

    private void runBatch(ChannelHandlerContext ctx) {
        ByteBuf out = ctx.alloc().ioBuffer();
        reply.target(out);
        reply.protocol(client.resp());
        ProtocolFault fault = null;
        boolean held = false;
        int done = 0;
        ReentrantLock lock = server.keyspace().lock();
        SpinThenPark.lock(lock);
        context.batch(true);
        try {
            client.output().takeQueued(out); // messages published before this batch come before its replies
            for (; done < pending.size(); done++) {
                if (client.closing()) {
                    break; // after QUIT, or killed by CLIENT KILL before the close reached this event loop
                }
                Object o = pending.get(done);
                if (o instanceof ProtocolFault f) {
                    fault = f;
                    break;
                }
                byte[][] args = (byte[][]) o;
                if (heldByPause(ctx, args)) {
                    held = true;
                    break;
                }
                executor.execute(context, args);
                reply.protocol(client.resp());
                Blocking.Request block = context.takeBlockRequest();
                if (block != null) {
                    blockedOnKeys = true;
                    client.blocked(true);
                    server.blocking().block(this, client.db(), args, block);
                    done++; // the blocked command is answered later; the commands after it wait
                    held = true;
                    break;
                }
            }
        } finally {
            context.batch(false);
            lock.unlock();
            if (held) {
                pending.subList(0, done).clear(); // what follows runs when the pause or the block ends
            } else {
                pending.clear();
            }
        }
        if (fault != null) {
            if (fault.replies()) {
                reply.error("ERR " + fault.getMessage());
                server.stats().errorReply("ERR");
            } else {
                log.warn("{}: {}", fault.getMessage(), client.address());
            }
            client.closeAfterReply();
        }
        int bytes = out.readableBytes();
        client.countOut(bytes);
        server.stats().netOut(bytes);
        if (client.closing()) {
            pending.clear();
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (held) {
            ctx.channel().config().setAutoRead(false); // read nothing more until the pause or block lets it go on
        }
        if (bytes == 0) {
            out.release();
            return;
        }
        ctx.writeAndFlush(out, ctx.voidPromise()); // nobody waits on it: spare a promise per batch
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false); // the client is not reading its replies: stop reading its commands
            client.output().enforceLimit();
        }
    }

    /**
     * CLIENT PAUSE: a held command makes the connection wait (called with the lock held). Commands that will
     * be refused anyway (unknown, wrong arity) are not held, as in Redis.
     */
    private boolean heldByPause(ChannelHandlerContext ctx, byte[][] args) {
        ClientPause pause = server.pause();
        if (!pause.set()) {
            return false;
        }
        long now = System.currentTimeMillis();
        if (!pause.paused(now)) {
            return false;
        }
        CommandSpec spec = server.commands().resolve(args);
        if (spec == null || !spec.arityAccepts(args.length) || !pause.holds(spec, now)) {
            return false;
        }
        if (!waitingForPause) {
            waitingForPause = true;
            client.blocked(true);
            pause.await(ctx.executor(), () -> resumeAfterPause(ctx));
        }
        return true;
    }

    private void resumeAfterPause(ChannelHandlerContext ctx) {
        waitingForPause = false;
        client.blocked(blockedOnKeys);
        if (!ctx.channel().isActive()) {
            return;
        }
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        drain(ctx);
    }

    @Override
    public EventExecutor loop() {
        return ctx.executor();
    }

    /** Blocking: the blocked command runs again, from the thread serving its key, lock held. */
    @Override
    public boolean retry(byte[][] args) {
        ByteBuf out = startReply();
        executor.execute(context, args);
        if (context.takeBlockRequest() != null) {
            out.release(); // still nothing to serve: keep waiting in place
            return false;
        }
        endBlock(out);
        return true;
    }

    /** Blocking: the wait ends with a timeout or CLIENT UNBLOCK answer, lock held. */
    @Override
    public void finish(byte[][] args, Consumer<Reply> answer) {
        executor.countUnblocked(args);
        ByteBuf out = startReply();
        answer.accept(reply);
        endBlock(out);
    }

    private ByteBuf startReply() {
        ByteBuf out = ctx.alloc().ioBuffer();
        reply.target(out);
        reply.protocol(client.resp());
        return out;
    }

    /** Sends the blocked command's reply (Netty hands writes from other threads to the channel's loop). */
    private void endBlock(ByteBuf out) {
        client.blocked(waitingForPause);
        int bytes = out.readableBytes();
        client.countOut(bytes);
        server.stats().netOut(bytes);
        if (bytes == 0) {
            out.release();
        } else {
            ctx.writeAndFlush(out);
        }
        ctx.executor().execute(this::resumeAfterBlock);
    }

    private void resumeAfterBlock() {
        blockedOnKeys = false;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (client.closing()) {
            ctx.close();
            return;
        }
        if (ctx.channel().isWritable() && !waitingForPause) {
            ctx.channel().config().setAutoRead(true);
        }
        drain(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && !waitingForPause && !blockedOnKeys) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection {} closed after error: {}", client.address(), cause.toString());
        ctx.close();
    }
}
