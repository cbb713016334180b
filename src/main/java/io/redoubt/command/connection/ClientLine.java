package io.redoubt.command.connection;

import io.redoubt.net.Client;
import io.redoubt.pubsub.SubscriptionKind;

/**
 * One client as CLIENT LIST and CLIENT INFO describe it: Redis 7.2's fields in Redis's order, then
 * Redoubt's own (network totals, command count, transport). Buffers Redoubt does not keep per client
 * (query buffer, reply buffer) show 0; omem is the reply bytes Netty has not sent yet.
 */
public final class ClientLine {
    private ClientLine() {
    }

    /** @param argvMem bytes of the arguments of the command the client is running (0 for idle clients) */
    public static void append(StringBuilder out, Client c, long nowMs, long argvMem) {
        long omem = c.pendingOutputBytes();
        boolean reading = c.channel().config().isAutoRead();
        boolean writing = omem > 0 || !c.channel().isWritable();
        out.append("id=").append(c.id())
            .append(" addr=").append(c.address())
            .append(" laddr=").append(c.localAddress())
            .append(" fd=").append(c.fd())
            .append(" name=").append(c.name() == null ? "" : c.name())
            .append(" age=").append((nowMs - c.createdMs()) / 1000)
            .append(" idle=").append(Math.max(0, nowMs - c.lastInteractionMs()) / 1000)
            .append(" flags=").append(flags(c))
            .append(" db=").append(c.db())
            .append(" sub=").append(c.subscriptions().count(SubscriptionKind.CHANNEL))
            .append(" psub=").append(c.subscriptions().count(SubscriptionKind.PATTERN))
            .append(" ssub=").append(c.subscriptions().count(SubscriptionKind.SHARD))
            .append(" multi=").append(c.multiQueued()).append(" qbuf=0 qbuf-free=0")
            .append(" argv-mem=").append(argvMem)
            .append(" multi-mem=0 rbs=0 rbp=0 obl=0 oll=0")
            .append(" omem=").append(omem)
            .append(" tot-mem=").append(argvMem + omem)
            .append(" events=").append(reading ? "r" : "").append(writing ? "w" : "")
            .append(" cmd=").append(c.lastCommand())
            .append(" user=default redir=-1")
            .append(" resp=").append(c.resp())
            .append(" lib-name=").append(c.libName() == null ? "" : c.libName())
            .append(" lib-ver=").append(c.libVersion() == null ? "" : c.libVersion())
            .append(" io-thread=").append(c.ioThread())
            .append(" tot-net-in=").append(c.netIn())
            .append(" tot-net-out=").append(c.netOut())
            .append(" tot-cmds=").append(c.commandsProcessed())
            .append(" transport=").append(c.transport())
            .append(" tls-protocol=").append(c.tlsProtocol() == null ? "" : c.tlsProtocol())
            .append(" tls-cipher=").append(c.tlsCipher() == null ? "" : c.tlsCipher())
            .append(" tls-generation=").append(c.tlsGeneration())
            .append('\n');
    }

    /**
     * Redis's flag letters, in Redis's order, for what Redoubt has: x (in MULTI), b (blocked on keys or held by CLIENT
     * PAUSE), c (closing after reply), P (subscribed), e (no-evict), T (no-touch), N (none).
     */
    private static String flags(Client c) {
        StringBuilder f = new StringBuilder();
        if (c.replica()) {
            f.append('S');
        }
        if (c.master()) {
            f.append('M');
        }
        if (c.multiQueued() >= 0) {
            f.append('x');
        }
        if (c.blocked()) {
            f.append('b');
        }
        if (c.closing()) {
            f.append('c');
        }
        if (c.subscriptions().active()) {
            f.append('P');
        }
        if (c.noEvict()) {
            f.append('e');
        }
        if (c.noTouch()) {
            f.append('T');
        }
        return f.length() == 0 ? "N" : f.toString();
    }
}
