package io.redoubt.persistence;

import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.server.Server;
import io.redoubt.util.Bytes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a whole RDB: "REDIS" and the version, AUX fields (redis-ver, redis-bits, ctime, used-mem, any
 * extra ones such as a replication helper's repl-id and repl-offset, aof-base), then for every non-empty
 * database SELECTDB, RESIZEDB and its keys (each with EXPIRETIME_MS when it has a time to live), then EOF and
 * the CRC-64 of all of it (0 when {@code rdbchecksum} is off). The caller holds the keyspace lock.
 */
public final class RdbWriter {
    private final RdbOptions options;

    public RdbWriter(RdbOptions options) {
        this.options = options;
    }

    public RdbOptions options() {
        return options;
    }

    /** Writes the keyspace as an RDB; returns the number of keys written. */
    public long write(Keyspace keyspace, OutputStream out) throws IOException {
        return write(keyspace, out, Map.of());
    }

    /**
     * Writes the keyspace as an RDB with extra AUX fields (written after used-mem, before aof-base, where
     * Redis puts its replication fields); returns the number of keys written.
     */
    public long write(Keyspace keyspace, OutputStream out, Map<String, String> extraAux) throws IOException {
        RdbOutput rdb = new RdbOutput(out, options.compression());
        rdb.write(Bytes.utf8(String.format("REDIS%04d", options.version())));
        Map<String, String> aux = new LinkedHashMap<>();
        aux.put("redis-ver", Server.REDIS_VERSION);
        aux.put("redis-bits", "64");
        aux.put("ctime", Long.toString(System.currentTimeMillis() / 1000));
        Runtime rt = Runtime.getRuntime();
        aux.put("used-mem", Long.toString(rt.totalMemory() - rt.freeMemory()));
        aux.putAll(extraAux);
        aux.putIfAbsent("aof-base", "0");
        for (Map.Entry<String, String> a : aux.entrySet()) {
            rdb.writeByte(RdbFormat.OPCODE_AUX);
            rdb.writeString(Bytes.utf8(a.getKey()));
            rdb.writeString(Bytes.utf8(a.getValue()));
        }
        long keys = 0;
        for (int i = 0; i < keyspace.count(); i++) {
            Database db = keyspace.db(i);
            if (db.size() == 0) {
                continue;
            }
            rdb.writeByte(RdbFormat.OPCODE_SELECTDB);
            rdb.writeLength(i);
            rdb.writeByte(RdbFormat.OPCODE_RESIZEDB);
            rdb.writeLength(db.size());
            rdb.writeLength(db.volatileSize());
            try {
                db.dict().forEach(e -> {
                    try {
                        writeKey(rdb, e.key, e.value, e.expireAt);
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                });
            } catch (UncheckedIOException x) {
                throw x.getCause();
            }
            keys += db.size();
        }
        rdb.writeByte(RdbFormat.OPCODE_EOF);
        long crc = options.checksum() ? rdb.crc() : 0;
        rdb.writeLittleEndian(crc, 8);
        out.flush();
        return keys;
    }

    /**
     * The whole RDB in memory (the keyspace lock held while it is taken), to be written out later without the
     * lock: BGSAVE's snapshot, and what a full resynchronisation sends to a replica.
     */
    public ChunkedBuffer snapshot(Keyspace keyspace, Map<String, String> extraAux) {
        ChunkedBuffer buffer = new ChunkedBuffer();
        try {
            write(keyspace, buffer, extraAux);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory does not fail
        }
        return buffer;
    }

    private void writeKey(RdbOutput rdb, byte[] key, Object value, long expireAt) throws IOException {
        if (expireAt != 0) {
            rdb.writeByte(RdbFormat.OPCODE_EXPIRETIME_MS);
            rdb.writeLittleEndian(expireAt, 8);
        }
        int type = ValueWriter.type(value, options.version());
        rdb.writeByte(type);
        rdb.writeString(key);
        ValueWriter.writeBody(rdb, value, type);
    }
}
