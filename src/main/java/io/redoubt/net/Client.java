package io.redoubt.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.concurrent.EventExecutor;
import io.redoubt.pubsub.Subscriptions;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/** The state Redis keeps per connection: identity, selected database, protocol, auth and reply modes. */
public final class Client implements RespDecoder.AuthState {
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    /** CLIENT REPLY modes; SKIP_NEXT marks the command after CLIENT REPLY SKIP. */
    public enum ReplyMode { ON, OFF, SKIP, SKIP_NEXT }

    private final long id = NEXT_ID.getAndIncrement();
    private final Channel channel;
    private final long createdMs = System.currentTimeMillis();
    private volatile long lastInteractionMs = createdMs;
    private volatile String name;
    private volatile String libName;
    private volatile String libVersion;
    private volatile int db;
    private volatile int resp = 2;
    private volatile boolean authenticated;
    private volatile String lastCommand = "NULL";
    private volatile ReplyMode replyMode = ReplyMode.ON;
    private volatile boolean noEvict;
    private volatile boolean noTouch;
    private volatile boolean closing;
    private volatile boolean blocked;
    private volatile int multiQueued = -1;
    private volatile long commandsProcessed;
    private final AtomicLong netIn = new AtomicLong();
    private final AtomicLong netOut = new AtomicLong();
    private final String transport;
    private final Subscriptions subscriptions = new Subscriptions(this);
    private volatile ClientOutput output;

    public Client(Channel channel, boolean authenticated, String transport) {
        this.channel = channel;
        this.authenticated = authenticated;
        this.transport = transport;
    }

    public long id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    public String address() {
        return format(channel.remoteAddress());
    }

    public String localAddress() {
        return format(channel.localAddress());
    }

    /** "ip:port", or "[ip]:port" for IPv6, as Redis writes addresses. */
    private static String format(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            String host = i.getAddress() == null ? i.getHostString() : i.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    /** The socket's file descriptor with the native transport, -1 with NIO (which hides it). */
    public int fd() {
        return channel instanceof UnixChannel u ? u.fd().intValue() : -1;
    }

    /** Reply and push bytes written but not yet sent (CLIENT LIST omem, client-output-buffer-limit). */
    public long pendingOutputBytes() {
        ChannelOutboundBuffer buf = channel.unsafe().outboundBuffer();
        ClientOutput o = output;
        return (buf == null ? 0 : buf.totalPendingWriteBytes()) + (o == null ? 0 : o.queuedBytes());
    }

    /** Channels, patterns and shard channels this connection listens to. */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** Where pushes from other connections go, and the client-output-buffer-limit check; set by the handler. */
    public ClientOutput output() {
        return output;
    }

    void output(ClientOutput o) {
        this.output = o;
    }

    /** "tcp" or "tls" so CLIENT LIST and metrics can tell the listeners apart. */
    public String transport() {
        return transport;
    }

    /** The I/O thread serving it, as Redis 8 numbers them: its event loop's place among the io-threads. */
    public int ioThread() {
        int i = 0;
        for (EventExecutor loop : channel.eventLoop().parent()) {
            if (loop == channel.eventLoop()) {
                return i;
            }
            i++;
        }
        return 0;
    }

    public long createdMs() {
        return createdMs;
    }

    public long lastInteractionMs() {
        return lastInteractionMs;
    }

    public void interacted(long nowMs) {
        lastInteractionMs = nowMs;
    }

    public String name() {
        return name;
    }

    public void name(String name) {
        this.name = name;
    }

    public String libName() {
        return libName;
    }

    public void libName(String v) {
        this.libName = v;
    }

    public String libVersion() {
        return libVersion;
    }

    public void libVersion(String v) {
        this.libVersion = v;
    }

    public int db() {
        return db;
    }

    public void db(int db) {
        this.db = db;
    }

    public int resp() {
        return resp;
    }

    public void resp(int resp) {
        this.resp = resp;
    }

    @Override
    public boolean authenticated() {
        return authenticated;
    }

    public void authenticated(boolean v) {
        this.authenticated = v;
    }

    public String lastCommand() {
        return lastCommand;
    }

    /** Set as a command starts, so CLIENT LIST shows the running command as Redis does. */
    public void lastCommand(String name) {
        this.lastCommand = name;
    }

    public void commandProcessed() {
        commandsProcessed++;
    }

    public long commandsProcessed() {
        return commandsProcessed;
    }

    public ReplyMode replyMode() {
        return replyMode;
    }

    public void replyMode(ReplyMode m) {
        this.replyMode = m;
    }

    public boolean noEvict() {
        return noEvict;
    }

    public void noEvict(boolean v) {
        this.noEvict = v;
    }

    public boolean noTouch() {
        return noTouch;
    }

    public void noTouch(boolean v) {
        this.noTouch = v;
    }

    /** Commands queued since MULTI, -1 outside MULTI (CLIENT LIST multi= and flag x). */
    public int multiQueued() {
        return multiQueued;
    }

    public void multiQueued(int n) {
        this.multiQueued = n;
    }

    /** Blocked on keys (BLPOP ...) or waiting for CLIENT PAUSE to end: flag b, and exempt from the idle timeout. */
    public boolean blocked() {
        return blocked;
    }

    void blocked(boolean v) {
        this.blocked = v;
    }

    private volatile boolean replica;
    private volatile boolean master;

    /** A replica attached to this server (after PSYNC/SYNC): CLIENT LIST flag S, CLIENT KILL TYPE replica. */
    public boolean replica() {
        return replica;
    }

    public void replica(boolean v) {
        this.replica = v;
    }

    /** The link from this replica's master, applying its stream: flag M, CLIENT KILL TYPE master. */
    public boolean master() {
        return master;
    }

    public void master(boolean v) {
        this.master = v;
    }

    /** Set by QUIT and CLIENT KILL: the connection closes once pending replies are written. */
    public boolean closing() {
        return closing;
    }

    public void closeAfterReply() {
        this.closing = true;
    }

    public void countIn(long bytes) {
        netIn.addAndGet(bytes);
    }

    public void countOut(long bytes) {
        netOut.addAndGet(bytes);
    }

    public long netIn() {
        return netIn.get();
    }

    public long netOut() {
        return netOut.get();
    }

    private volatile String tlsProtocol;
    private volatile String tlsCipher;
    private volatile long tlsGeneration;

    /** Records the negotiated TLS session of a connection on a TLS listener. */
    public void tlsSession(String protocol, String cipher, long generation) {
        this.tlsProtocol = protocol;
        this.tlsCipher = cipher;
        this.tlsGeneration = generation;
    }

    /** The negotiated protocol (e.g. TLSv1.3), or null on a plain connection. */
    public String tlsProtocol() {
        return tlsProtocol;
    }

    public String tlsCipher() {
        return tlsCipher;
    }

    /** The TLS material generation this connection was accepted with (0 for plain connections). */
    public long tlsGeneration() {
        return tlsGeneration;
    }
}
