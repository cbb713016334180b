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
            String host = a.getAddress().isAnyLocalAddress() ? "*" : a.getAddress().getHostAddress();
            out.add(host + ":" + a.getPort() + " (" + kind + ")");
        }
        return out;
    }

    /**
     * Binds to the port on each address of a Redis bind list; port 0 means this listener is off. A new port is
     * opened before the old sockets close, as Redis does, so clients can connect throughout; a new bind list
     * on the same port has to close the old sockets first. On failure the old sockets serve as before.
     */
    public synchronized void bind(String bindList, int newPort) {
        if (newPort == port && bindList.equals(bind) && (newPort == 0 || !channels.isEmpty())) {
            return;
        }
        List<Channel> old = new ArrayList<>(channels);
        if (newPort != port) {
            List<Channel> opened = open(bindList, newPort);
            closeAll(old);
            use(opened, bindList, newPort);
            return;
        }
        closeAll(old);
        try {
            use(open(bindList, newPort), bindList, newPort);
        } catch (ConfigException e) {
            if (port != 0) {
                use(open(bind, port), bind, port);
            }
            throw e;
        }
    }

    public synchronized void close() {
        closeAll(channels);
        channels.clear();
        port = 0;
    }

    private void use(List<Channel> opened, String bindList, int newPort) {
        channels.clear();
        channels.addAll(opened);
        bind = bindList;
        port = newPort;
    }

    /** Opens a socket on every address of the bind list; all or nothing. */
    private List<Channel> open(String bindList, int newPort) {
        List<Channel> opened = new ArrayList<>();
        if (newPort == 0) {
            return opened;
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
                opened.add(ch);
            } catch (Exception e) {
                if (optional) {
                    log.debug("optional bind {}:{} skipped: {}", host, newPort, e.getMessage());
                    continue;
                }
                closeAll(opened);
                throw new ConfigException("Could not create server " + kind + " listening socket " + host + ":"
                    + newPort + ": " + e.getMessage());
            }
        }
        if (opened.isEmpty()) {
            throw new ConfigException("Failed listening on port " + newPort + " (" + kind + "), aborting.");
        }
        return opened;
    }

    private static void closeAll(List<Channel> list) {
        for (Channel c : list) {
            c.close().syncUninterruptibly();
        }
    }
}
