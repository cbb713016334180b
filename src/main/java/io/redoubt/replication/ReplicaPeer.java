package io.redoubt.replication;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.redoubt.net.Client;
import java.util.List;

/**
 * A replica as its master sees it: the client connection it came in on, what it announced with REPLCONF and how
 * far it has acknowledged the stream. Everything sent to it goes through {@link #send}, which queues the write
 * on the channel's event loop so that bytes leave in the order they were produced, whatever thread produced them.
 */
final class ReplicaPeer {
    /** Redis's replica states, as INFO replication names them. */
    enum State {
        WAIT_BGSAVE("wait_bgsave"), SEND_BULK("send_bulk"), ONLINE("online");

        final String info;

        State(String info) {
            this.info = info;
        }
    }

    final Client client;
    volatile State state = State.WAIT_BGSAVE;
    volatile int listeningPort;
    volatile String announcedIp;
    volatile boolean capaEof;
    volatile boolean capaPsync2;
    /** Came with PSYNC (answered +FULLRESYNC first), not the old SYNC. */
    volatile boolean psync;
    volatile long ackOffset;
    volatile long ackTimeMs = System.currentTimeMillis();
    /**
     * The stream since its snapshot, held while the RDB is encoded in the background, so it follows the RDB;
     * null otherwise. Guarded by the keyspace lock.
     */
    List<byte[]> held;

    ReplicaPeer(Client client) {
        this.client = client;
    }

    Channel channel() {
        return client.channel();
    }

    /** The address INFO shows: the announced ip, else the connection's. */
    String ip() {
        if (announcedIp != null) {
            return announcedIp;
        }
        String a = client.address();
        String host = a.substring(0, a.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    void send(byte[] bytes) {
        Channel ch = channel();
        client.countOut(bytes.length);
        ch.eventLoop().execute(() -> {
            if (ch.isActive()) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(bytes));
            }
        });
    }
}
