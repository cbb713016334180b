package io.redoubt.net;

import java.util.Collection;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The connected clients, in id order as CLIENT LIST shows them, and connection counters for INFO. */
public final class ClientRegistry {
    private final ConcurrentSkipListMap<Long, Client> clients = new ConcurrentSkipListMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /** The map's size, kept beside it: a skip list counts by walking, and accept checks maxclients each time. */
    private final AtomicInteger connected = new AtomicInteger();

    public void add(Client c) {
        if (clients.put(c.id(), c) == null) {
            connected.incrementAndGet();
        }
    }

    /**
     * Counts a connection in total_connections_received: as Redis does, once it is served (its handshake done and
     * protected mode passed), not when accepted.
     */
    public void countReceived() {
        received.incrementAndGet();
    }

    public void remove(Client c) {
        if (clients.remove(c.id()) != null) {
            connected.decrementAndGet();
        }
    }

    public Client byId(long id) {
        return clients.get(id);
    }

    public Collection<Client> all() {
        return clients.values();
    }

    public int count() {
        return connected.get();
    }

    public void countRejected() {
        rejected.incrementAndGet();
    }

    public long totalReceived() {
        return received.get();
    }

    public long totalRejected() {
        return rejected.get();
    }

    public void resetStats() {
        received.set(0);
        rejected.set(0);
    }
}
