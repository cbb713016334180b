package io.redoubt.net;

import java.util.Collection;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The connected clients, in id order as CLIENT LIST shows them, and connection counters for INFO. */
public final class ClientRegistry {
    private final ConcurrentSkipListMap<Long, Client> clients = new ConcurrentSkipListMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public void add(Client c) {
        clients.put(c.id(), c);
        received.incrementAndGet();
    }

    public void remove(Client c) {
        clients.remove(c.id());
    }

    public Client byId(long id) {
        return clients.get(id);
    }

    public Collection<Client> all() {
        return clients.values();
    }

    public int count() {
        return clients.size();
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
