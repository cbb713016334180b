package io.redoubt.pubsub;

import io.redoubt.util.Glob;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's subscriptions: for each kind, which connections listen to which channel or pattern. Used with
 * the keyspace lock held, as every command runs. Publishing encodes a message once per protocol and hands it
 * to each subscriber ({@link Subscriptions#deliver}), channel subscribers first, then matching patterns.
 */
public final class PubSub {
    private final Map<SubscriptionKind, Map<ChannelName, Set<Subscriptions>>> registry =
        new EnumMap<>(SubscriptionKind.class);

    public PubSub() {
        for (SubscriptionKind k : SubscriptionKind.values()) {
            registry.put(k, new LinkedHashMap<>());
        }
    }

    /** Adds a subscription; false when the connection already had it. */
    public boolean subscribe(Subscriptions s, SubscriptionKind kind, byte[] name) {
        ChannelName n = new ChannelName(name);
        if (!s.of(kind).add(n)) {
            return false;
        }
        registry.get(kind).computeIfAbsent(n, k -> new LinkedHashSet<>()).add(s);
        return true;
    }

    /** Removes a subscription; false when the connection did not have it. */
    public boolean unsubscribe(Subscriptions s, SubscriptionKind kind, byte[] name) {
        ChannelName n = new ChannelName(name);
        if (!s.of(kind).remove(n)) {
            return false;
        }
        Map<ChannelName, Set<Subscriptions>> m = registry.get(kind);
        Set<Subscriptions> subs = m.get(n);
        if (subs != null) {
            subs.remove(s);
            if (subs.isEmpty()) {
                m.remove(n); // no subscriber left: the channel stops existing (PUBSUB CHANNELS, INFO)
            }
        }
        return true;
    }

    /** Drops every subscription of a connection silently (RESET, disconnect). */
    public void unsubscribeAll(Subscriptions s) {
        for (SubscriptionKind k : SubscriptionKind.values()) {
            for (byte[] name : s.list(k)) {
                unsubscribe(s, k, name);
            }
        }
    }

    /** PUBLISH (or SPUBLISH with shard): delivers to every subscriber; returns how many received it. */
    public int publish(byte[] channel, byte[] message, boolean shard) {
        int receivers = 0;
        Set<Subscriptions> direct = registry.get(shard ? SubscriptionKind.SHARD : SubscriptionKind.CHANNEL)
            .get(new ChannelName(channel));
        if (direct != null) {
            MessageFrame frame = MessageFrame.message(channel, message, shard);
            for (Subscriptions s : direct) {
                s.deliver(frame.forProtocol(s.client().resp()));
                receivers++;
            }
        }
        if (shard) {
            return receivers; // shard channels have no patterns
        }
        for (Map.Entry<ChannelName, Set<Subscriptions>> e : registry.get(SubscriptionKind.PATTERN).entrySet()) {
            byte[] pattern = e.getKey().bytes();
            if (!Glob.matches(pattern, channel, false)) {
                continue;
            }
            MessageFrame frame = MessageFrame.patternMessage(pattern, channel, message);
            for (Subscriptions s : e.getValue()) {
                s.deliver(frame.forProtocol(s.client().resp()));
                receivers++;
            }
        }
        return receivers;
    }

    /** Whether anyone could receive a message published now (keyspace notifications skip encoding when not). */
    public boolean anySubscriber() {
        return !registry.get(SubscriptionKind.CHANNEL).isEmpty() || !registry.get(SubscriptionKind.PATTERN).isEmpty();
    }

    /** PUBSUB CHANNELS / SHARDCHANNELS: active channels matching the pattern (null: all). */
    public List<byte[]> channels(SubscriptionKind kind, byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (ChannelName n : registry.get(kind).keySet()) {
            if (pattern == null || Glob.matches(pattern, n.bytes(), false)) {
                out.add(n.bytes());
            }
        }
        return out;
    }

    /** PUBSUB NUMSUB / SHARDNUMSUB: subscribers of one channel. */
    public int subscribers(SubscriptionKind kind, byte[] name) {
        Set<Subscriptions> s = registry.get(kind).get(new ChannelName(name));
        return s == null ? 0 : s.size();
    }

    /** Distinct channels, patterns or shard channels with a subscriber (PUBSUB NUMPAT, INFO stats). */
    public int size(SubscriptionKind kind) {
        return registry.get(kind).size();
    }
}
