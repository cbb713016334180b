package io.redoubt.command.pubsub;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandSpec;
import io.redoubt.command.CommandTable;
import io.redoubt.command.KeySpec;
import io.redoubt.command.server.HelpReply;
import io.redoubt.pubsub.PubSub;
import io.redoubt.pubsub.SubscriptionKind;
import io.redoubt.pubsub.Subscriptions;
import java.util.List;

/**
 * SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE SSUBSCRIBE SUNSUBSCRIBE PUBLISH SPUBLISH PUBSUB: the pub/sub
 * family with Redis 7.2's metadata. Confirmations are pushes (arrays in RESP2), one per channel.
 */
public final class PubSubCommands {
    private PubSubCommands() {
    }

    public static void register(CommandTable t) {
        String flags = "pubsub noscript loading stale";
        String acl = "@pubsub @slow";
        t.add("subscribe", -2, flags, 0, 0, 0, acl, c -> subscribe(c, SubscriptionKind.CHANNEL))
            .doc("Listens for messages published to channels.", "2.0.0", "pubsub",
                "O(N) where N is the number of channels to subscribe to.");
        t.add("unsubscribe", -1, flags, 0, 0, 0, acl, c -> unsubscribe(c, SubscriptionKind.CHANNEL))
            .doc("Stops listening to messages posted to channels.", "2.0.0", "pubsub",
                "O(N) where N is the number of channels to unsubscribe.");
        t.add("psubscribe", -2, flags, 0, 0, 0, acl, c -> subscribe(c, SubscriptionKind.PATTERN))
            .doc("Listens for messages published to channels that match one or more patterns.", "2.0.0", "pubsub",
                "O(N) where N is the number of patterns to subscribe to.");
        t.add("punsubscribe", -1, flags, 0, 0, 0, acl, c -> unsubscribe(c, SubscriptionKind.PATTERN))
            .doc("Stops listening to messages published to channels that match one or more patterns.", "2.0.0",
                "pubsub", "O(N) where N is the number of patterns to unsubscribe.");
        t.add("ssubscribe", -2, flags, 1, -1, 1, acl, c -> subscribe(c, SubscriptionKind.SHARD))
            .keySpec(KeySpec.range("not_key", 1, -1, 1, 0))
            .doc("Listens for messages published to shard channels.", "7.0.0", "pubsub",
                "O(N) where N is the number of shard channels to subscribe to.");
        t.add("sunsubscribe", -1, flags, 1, -1, 1, acl, c -> unsubscribe(c, SubscriptionKind.SHARD))
            .keySpec(KeySpec.range("not_key", 1, -1, 1, 0))
            .doc("Stops listening to messages posted to shard channels.", "7.0.0", "pubsub",
                "O(N) where N is the number of shard channels to unsubscribe.");
        String fast = "pubsub loading stale fast";
        t.add("publish", 3, fast, 0, 0, 0, "@pubsub @fast", c -> publish(c, false))
            .doc("Posts a message to a channel.", "2.0.0", "pubsub",
                "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total "
                    + "number of subscribed patterns (by any client).");
        t.add("spublish", 3, fast, 1, 1, 1, "@pubsub @fast", c -> publish(c, true))
            .keySpec(KeySpec.range("not_key", 1, 0, 1, 0))
            .doc("Post a message to a shard channel", "7.0.0", "pubsub",
                "O(N) where N is the number of clients subscribed to the receiving shard channel.");
        registerIntrospection(t);
    }

    private static void registerIntrospection(CommandTable t) {
        CommandSpec pubsub = t.container("pubsub", -2, "", "@slow")
            .doc("A container for Pub/Sub commands.", "2.8.0", "pubsub", "Depends on subcommand.");
        String flags = "pubsub loading stale";
        String acl = "@pubsub @slow";
        pubsub.sub("channels", -2, flags, 0, 0, 0, acl, c -> channels(c, SubscriptionKind.CHANNEL))
            .doc("Returns the active channels.", "2.8.0", "pubsub",
                "O(N) where N is the number of active channels, and assuming constant time pattern matching "
                    + "(relatively short channels and patterns)");
        pubsub.sub("numsub", -2, flags, 0, 0, 0, acl, c -> numsub(c, SubscriptionKind.CHANNEL))
            .doc("Returns a count of subscribers to channels.", "2.8.0", "pubsub",
                "O(N) for the NUMSUB subcommand, where N is the number of requested channels");
        pubsub.sub("numpat", 2, flags, 0, 0, 0, acl,
                c -> c.reply.integer(c.server.pubsub().size(SubscriptionKind.PATTERN)))
            .doc("Returns a count of unique pattern subscriptions.", "2.8.0", "pubsub", "O(1)");
        pubsub.sub("shardchannels", -2, flags, 0, 0, 0, acl, c -> channels(c, SubscriptionKind.SHARD))
            .doc("Returns the active shard channels.", "7.0.0", "pubsub",
                "O(N) where N is the number of active shard channels, and assuming constant time pattern matching "
                    + "(relatively short shard channels).");
        pubsub.sub("shardnumsub", -2, flags, 0, 0, 0, acl, c -> numsub(c, SubscriptionKind.SHARD))
            .doc("Returns the count of subscribers of shard channels.", "7.0.0", "pubsub",
                "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels");
        pubsub.sub("help", 2, "loading stale", 0, 0, 0, "@slow", PubSubCommands::help)
            .doc("Returns helpful text about the different subcommands.", "6.2.0", "pubsub", "O(1)");
    }

    static void subscribe(CommandContext c, SubscriptionKind kind) {
        PubSub pubsub = c.server.pubsub();
        Subscriptions subs = c.client.subscriptions();
        for (int i = 1; i < c.argc(); i++) {
            pubsub.subscribe(subs, kind, c.arg(i));
            confirm(c, kind.subscribeWord(), c.arg(i), subs.confirmationCount(kind));
        }
    }

    /** Without arguments, every subscription of the kind; with none at all, one confirmation with a null name. */
    static void unsubscribe(CommandContext c, SubscriptionKind kind) {
        PubSub pubsub = c.server.pubsub();
        Subscriptions subs = c.client.subscriptions();
        List<byte[]> names = c.argc() > 1 ? List.of(c.args()).subList(1, c.argc()) : subs.list(kind);
        for (byte[] name : names) {
            pubsub.unsubscribe(subs, kind, name);
            confirm(c, kind.unsubscribeWord(), name, subs.confirmationCount(kind));
        }
        if (names.isEmpty()) {
            confirm(c, kind.unsubscribeWord(), null, subs.confirmationCount(kind));
        }
    }

    private static void confirm(CommandContext c, byte[] word, byte[] name, int count) {
        c.reply.push(3);
        c.reply.bulk(word);
        c.reply.bulk(name);
        c.reply.integer(count);
    }

    static void publish(CommandContext c, boolean shard) {
        c.reply.integer(c.server.pubsub().publish(c.arg(1), c.arg(2), shard));
    }

    /** PUBSUB CHANNELS|SHARDCHANNELS [pattern]. */
    static void channels(CommandContext c, SubscriptionKind kind) {
        if (c.argc() > 3) {
            throw c.subcommandSyntaxError();
        }
        List<byte[]> names = c.server.pubsub().channels(kind, c.argc() == 3 ? c.arg(2) : null);
        c.reply.array(names.size());
        names.forEach(c.reply::bulk);
    }

    /** PUBSUB NUMSUB|SHARDNUMSUB [channel ...]: channel, count pairs (pattern subscribers not counted). */
    static void numsub(CommandContext c, SubscriptionKind kind) {
        c.reply.array((c.argc() - 2) * 2);
        for (int i = 2; i < c.argc(); i++) {
            c.reply.bulk(c.arg(i));
            c.reply.integer(c.server.pubsub().subscribers(kind, c.arg(i)));
        }
    }

    static void help(CommandContext c) {
        HelpReply.write(c, "PUBSUB", List.of(
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)"));
    }
}
