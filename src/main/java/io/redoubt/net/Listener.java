package io.redoubt.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.redoubt.config.ConfigException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server sockets of one kind of listener (plain TCP or TLS) on every {@code bind} address. Rebinding
 * closes the old sockets first and, if the new ones cannot be bound, binds the old ones again, so a failed
 * CONFIG SET port leaves the server listening as before.
 */
public final class Listener {
    private static final Logger log = LoggerFactory.getLogger(Listener.class);

    private final String kind;
    private final Transport transport;
    private final ChannelInitializer<SocketChannel> initializer;
    private final int backlog;
    private final List<Channel> channels = new ArrayList<>();
    private int port;
    private String bind = "";

    public Listener(String kind, Transport transport, int backlog, ChannelInitializer<SocketChannel> initializer) {
        this.kind = kind;
        this.transport = transport;
        this.backlog = backlog;
        this.initializer = initializer;
    }

    public synchronized int port() {
        return port;
    }

    /** The addresses actually bound, as host:port. */
    public synchronized List<String> addresses() {
        List<String> out = new ArrayList<>();
        for (Channel c : channels) {
            InetSocketAddress a = (InetSocketAddress) c.localAddress();
            out.add(a.getAddress().getHostAddress() + ":" + a.getPort() + " (" + kind + ")");
        }
        return out;
    }

    /** Binds to the port on each address of a Redis bind list; port 0 means this listener is off. */
    public synchronized void bind(String bindList, int newPort) {
        List<Channel> old = new ArrayList<>(channels);
        int oldPort = port;
        String oldBind = bind;
        closeAll(old);
        try {
            open(bindList, newPort);
        } catch (ConfigException e) {
            closeAll(new ArrayList<>(channels));
            if (oldPort != 0) {
                open(oldBind, oldPort);
            }
            throw e;
        }
    }

    public synchronized void close() {
        closeAll(new ArrayList<>(channels));
        port = 0;
    }

    private void open(String bindList, int newPort) {
        channels.clear();
        port = newPort;
        bind = bindList;
        if (newPort == 0) {
            return;
        }
        for (String item : bindList.trim().split("\\s+")) {
            boolean optional = item.startsWith("-");
            String host = optional ? item.substring(1) : item;
            if (host.equals("*")) {
                host = "0.0.0.0";
            } else if (host.equals("::*")) {
                host = "::";
            }
            try {
                Channel ch = new ServerBootstrap()
                    .group(transport.acceptors(), transport.workers())
                    .channel(transport.serverChannelClass())
                    .option(ChannelOption.SO_BACKLOG, backlog)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(initializer)
                    .bind(host, newPort).syncUninterruptibly().channel();
                channels.add(ch);
            } catch (Exception e) {
                if (optional) {
                    log.debug("optional bind {}:{} skipped: {}", host, newPort, e.getMessage());
                    continue;
                }
                throw new ConfigException("Could not create server " + kind + " listening socket " + host + ":"
                    + newPort + ": " + e.getMessage());
            }
        }
        if (channels.isEmpty()) {
            throw new ConfigException("Failed listening on port " + newPort + " (" + kind + "), aborting.");
        }
    }

    private void closeAll(List<Channel> list) {
        for (Channel c : list) {
            c.close().syncUninterruptibly();
        }
        channels.removeAll(list);
    }
}
