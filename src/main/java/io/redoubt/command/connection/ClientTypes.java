package io.redoubt.command.connection;

import io.redoubt.command.RedisError;
import io.redoubt.net.Client;
import java.util.function.Predicate;

/**
 * Redis's client types for CLIENT LIST TYPE and CLIENT KILL TYPE. Every Redoubt connection is "normal" for
 * now: there are no replicas, no master link and no pub/sub clients yet.
 */
final class ClientTypes {
    private ClientTypes() {
    }

    static Predicate<Client> filter(String type) {
        return switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "normal" -> c -> true;
            case "master", "replica", "slave", "pubsub" -> c -> false;
            default -> throw new RedisError("ERR Unknown client type '" + type + "'");
        };
    }
}
