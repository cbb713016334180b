package io.redoubt.replication;

import io.redoubt.persistence.EncodingLimits;
import io.redoubt.persistence.KeyspaceImage;
import io.redoubt.persistence.RdbException;
import io.redoubt.persistence.RdbLoader;
import io.redoubt.persistence.RdbOptions;
import io.redoubt.persistence.RdbWriter;
import io.redoubt.server.Server;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The RDB of a full sync, through the persistence component's writer and loader. */
final class RdbTransfer {
    private RdbTransfer() {
    }

    /** Redis's replication AUX fields (repl-stream-db, repl-id, repl-offset) as they are now (lock held). */
    static Map<String, String> aux(Replication repl) {
        Map<String, String> aux = new LinkedHashMap<>();
        aux.put("repl-stream-db", "0");
        aux.put("repl-id", repl.replid());
        aux.put("repl-offset", Long.toString(repl.offset()));
        return aux;
    }

    /** The RDB of an image of the keyspace, with those AUX fields; needs no lock. */
    static byte[] encode(RdbOptions options, KeyspaceImage image, Map<String, String> aux) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new RdbWriter(options).write(image, out, aux);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory: cannot happen
        }
        return out.toByteArray();
    }

    /** Replaces the keyspace with the RDB received from the master. */
    static void load(Server server, byte[] rdb, int length) {
        try {
            new RdbLoader(EncodingLimits.from(server.directives()), true, false)
                .load(new ByteArrayInputStream(rdb, 0, length), server.keyspace());
        } catch (RdbException e) {
            throw new IllegalStateException("Bad RDB from MASTER at offset " + e.offset() + ": " + e.reason(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
