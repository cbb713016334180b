package io.redoubt.command.connection;

import io.redoubt.command.RedisError;
import io.redoubt.net.Client;
import java.util.function.Predicate;

/**
 * Redis's client types for CLIENT LIST TYPE and CLIENT KILL TYPE. Replicas and the master link are told
 * apart by the client's flags; any other connection is "pubsub" while subscribed to anything, else "normal".
 */
final class ClientTypes {
    private ClientTypes() {
    }

    static Predicate<Client> filter(String type) {
        return switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "normal" -> c -> !c.replica() && !c.master() && !c.subscriptions().active();
            case "replica", "slave" -> Client::replica;
            case "master" -> Client::master;
            case "pubsub" -> c -> !c.replica() && !c.master() && c.subscriptions().active();
            default -> throw new RedisError("ERR Unknown client type '" + type + "'");
        };
    }
}
