package io.redoubt.command.connection;

import io.redoubt.command.RedisError;
import io.redoubt.net.Client;
import java.util.function.Predicate;

/**
 * Redis's client types for CLIENT LIST TYPE and CLIENT KILL TYPE. A connection is "pubsub" while subscribed to
 * anything, "normal" otherwise; there are no replicas and no master link yet.
 */
final class ClientTypes {
    private ClientTypes() {
    }

    static Predicate<Client> filter(String type) {
        return switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "normal" -> c -> !c.subscriptions().active();
            case "pubsub" -> c -> c.subscriptions().active();
            case "master", "replica", "slave" -> c -> false;
            default -> throw new RedisError("ERR Unknown client type '" + type + "'");
        };
    }
}
