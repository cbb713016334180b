package io.redoubt.pubsub;

import io.netty.buffer.ByteBuf;
import io.redoubt.net.Client;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One connection's subscriptions (changed with the keyspace lock held) and where its messages go. While the
 * connection's own command runs, messages for it wait and follow that command's reply, as Redis 7.2 does with
 * pushes to the executing client; otherwise they go to the connection's output from whatever thread publishes.
 */
public final class Subscriptions {
    private static final SubscriptionKind[] KINDS = SubscriptionKind.values();
    private final Client client;
    private final Map<SubscriptionKind, Set<ChannelName>> names = new EnumMap<>(SubscriptionKind.class);
    private boolean executing;
    private List<byte[]> deferred;

    public Subscriptions(Client client) {
        this.client = client;
        for (SubscriptionKind k : SubscriptionKind.values()) {
            names.put(k, new LinkedHashSet<>());
        }
    }

    public Client client() {
        return client;
    }

    Set<ChannelName> of(SubscriptionKind kind) {
        return names.get(kind);
    }

    /** The names of one kind, in subscription order (a copy). */
    public List<byte[]> list(SubscriptionKind kind) {
        List<byte[]> out = new ArrayList<>();
        for (ChannelName n : names.get(kind)) {
            out.add(n.bytes());
        }
        return out;
    }

    public int count(SubscriptionKind kind) {
        return names.get(kind).size();
    }

    /** The count a (un)subscribe confirmation shows: channels plus patterns, or shard channels alone. */
    public int confirmationCount(SubscriptionKind kind) {
        return kind == SubscriptionKind.SHARD ? count(kind) : count(SubscriptionKind.CHANNEL) + count(SubscriptionKind.PATTERN);
    }

    /** Subscribed to anything: Redis's CLIENT_PUBSUB flag (P), the pubsub output-buffer class, RESP2 subscriber mode. */
    public boolean active() {
        // asked before every command of a RESP2 connection: by kind, as the map's value iterator is an allocation
        for (SubscriptionKind k : KINDS) {
            if (!names.get(k).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Set by the executor around each of this connection's commands (lock held). */
    public void executing(boolean on) {
        this.executing = on;
    }

    /** Delivers one encoded message (lock held, any thread). */
    void deliver(byte[] frame) {
        if (executing) {
            if (deferred == null) {
                deferred = new ArrayList<>();
            }
            deferred.add(frame);
        } else if (client.output() != null) {
            client.output().push(frame);
        }
    }

    /** Appends the messages that arrived while this connection's command ran, after its reply. */
    public void writeDeferred(ByteBuf out) {
        if (deferred == null || deferred.isEmpty()) {
            return;
        }
        for (byte[] f : deferred) {
            out.writeBytes(f);
        }
        deferred.clear();
    }
}
