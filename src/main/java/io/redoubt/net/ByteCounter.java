package io.redoubt.net;

import io.redoubt.server.ServerStats;
import java.util.function.IntConsumer;

/**
 * Counts bytes read from the network (after TLS), for INFO's total_net_input_bytes and CLIENT LIST. The
 * decoder calls it for each read.
 */
final class ByteCounter implements IntConsumer {
    private final ServerStats stats;
    private final Client client;

    ByteCounter(ServerStats stats, Client client) {
        this.stats = stats;
        this.client = client;
    }

    @Override
    public void accept(int bytes) {
        stats.netIn(bytes);
        client.countIn(bytes);
    }
}
