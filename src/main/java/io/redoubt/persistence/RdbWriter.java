package io.redoubt.persistence;

import io.redoubt.keyspace.Keyspace;
import io.redoubt.server.Server;
import io.redoubt.util.Bytes;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a whole RDB: "REDIS" and the version, AUX fields (redis-ver, redis-bits, ctime, used-mem, any
 * extra ones such as a replication helper's repl-id and repl-offset, aof-base), then for every non-empty
 * database SELECTDB, RESIZEDB and its keys (each with EXPIRETIME_MS when it has a time to live), then EOF and
 * the CRC-64 of all of it (0 when {@code rdbchecksum} is off). From the live keyspace the caller holds the
 * keyspace lock; from a {@link KeyspaceImage} it needs none.
 */
public final class RdbWriter {
    private final RdbOptions options;

    public RdbWriter(RdbOptions options) {
        this.options = options;
    }

    public RdbOptions options() {
        return options;
    }

    /** Writes the keyspace as an RDB (lock held); returns the number of keys written. */
    public long write(Keyspace keyspace, OutputStream out) throws IOException {
        return write(RdbSource.live(keyspace), out, Map.of());
    }

    /**
     * Writes {@code source} as an RDB with extra AUX fields (written after used-mem, before aof-base, where
     * Redis puts its replication fields); returns the number of keys written.
     */
    public long write(RdbSource source, OutputStream out, Map<String, String> extraAux) throws IOException {
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
        for (int i = 0; i < source.databases(); i++) {
            int size = source.size(i);
            if (size == 0) {
                continue;
            }
            rdb.writeByte(RdbFormat.OPCODE_SELECTDB);
            rdb.writeLength(i);
            rdb.writeByte(RdbFormat.OPCODE_RESIZEDB);
            rdb.writeLength(size);
            rdb.writeLength(source.volatileSize(i));
            source.forEach(i, (key, value, expireAt) -> writeKey(rdb, key, value, expireAt));
            keys += size;
        }
        rdb.writeByte(RdbFormat.OPCODE_EOF);
        long crc = options.checksum() ? rdb.crc() : 0;
        rdb.writeLittleEndian(crc, 8);
        out.flush();
        return keys;
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
