package io.redoubt.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/** The Netty event loops shared by every listener: epoll where the native transport loads, NIO otherwise. */
public final class Transport implements AutoCloseable {
    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;

    /** {@code spinNanos}: how long an idle epoll loop polls before it sleeps (0: it sleeps at once). */
    public Transport(int ioThreads, long spinNanos) {
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        IoHandlerFactory spinning = epoll && spinNanos > 0
            ? EpollIoHandler.newFactory(0, () -> new SpinBeforeSleep(spinNanos)) : factory;
        acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("redoubt-accept"), factory);
        workers = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("redoubt-io"), spinning);
    }

    public String engine() {
        return epoll ? "epoll" : "nio";
    }

    public boolean epoll() {
        return epoll;
    }

    public EventLoopGroup acceptors() {
        return acceptors;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The channel class of outgoing connections (the replica's link to its master). */
    public Class<? extends SocketChannel> socketChannelClass() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    @Override
    public void close() {
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
