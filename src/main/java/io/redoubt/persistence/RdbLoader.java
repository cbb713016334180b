package io.redoubt.persistence;

import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.util.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads a whole RDB (versions 1 to 11) into a keyspace, replacing its contents. The file is read into a
 * fresh keyspace first and swapped in only once EOF and the checksum are read, so a corrupt or truncated
 * RDB leaves the keyspace as it was and raises an {@link RdbException} naming the offset and reason.
 * Keys already expired are skipped (as a master does) unless told otherwise (a replica loads them).
 * Reads no byte past the checksum. The caller holds the keyspace lock when it swaps ({@link #load}).
 */
public final class RdbLoader {
    private final EncodingLimits limits;
    private final boolean verifyChecksum;
    private final boolean skipExpired;

    /** What a load found. */
    public record Result(int version, long keysLoaded, long keysExpired, Map<String, byte[]> aux) {
    }

    public RdbLoader(EncodingLimits limits, boolean verifyChecksum, boolean skipExpired) {
        this.limits = limits;
        this.verifyChecksum = verifyChecksum;
        this.skipExpired = skipExpired;
    }

    /** As a master loads at start-up: checksum checked, expired keys skipped. */
    public RdbLoader(EncodingLimits limits) {
        this(limits, true, true);
    }

    /** Reads the RDB and, once it is read whole and sound, makes it the keyspace's contents. */
    public Result load(InputStream in, Keyspace keyspace) throws IOException, RdbException {
        Keyspace staging = new Keyspace(keyspace.count());
        Result r = read(in, staging);
        keyspace.replaceWith(staging);
        return r;
    }

    /** Reads the RDB into an empty keyspace (no lock needed: it is not shared yet). */
    public Result read(InputStream stream, Keyspace into) throws IOException, RdbException {
        RdbInput in = new RdbInput(stream);
        byte[] magic = new byte[9];
        in.readFully(magic, 0, 9);
        String head = new String(magic, StandardCharsets.US_ASCII);
        if (!head.startsWith("REDIS")) {
            throw new RdbException(0, "wrong signature: not an RDB file");
        }
        int version;
        try {
            version = Integer.parseInt(head.substring(5));
        } catch (NumberFormatException e) {
            throw new RdbException(5, "bad RDB version number");
        }
        if (version < 1 || version > RdbFormat.VERSION_7_2) {
            throw new RdbException(5, "can't handle RDB format version " + version);
        }
        Map<String, byte[]> aux = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        long loaded = 0;
        long expired = 0;
        Database db = into.db(0);
        long expireAt = 0;
        long idle = -1;
        while (true) {
            long at = in.offset();
            int op = in.readByte();
            switch (op) {
                case RdbFormat.OPCODE_EXPIRETIME -> {
                    expireAt = in.readLittleEndian(4) * 1000;
                    continue;
                }
                case RdbFormat.OPCODE_EXPIRETIME_MS -> {
                    expireAt = in.readLittleEndian(8);
                    continue;
                }
                case RdbFormat.OPCODE_IDLE -> {
                    idle = in.readLength();
                    continue;
                }
                case RdbFormat.OPCODE_FREQ -> {
                    in.readByte(); // LFU counter: Redoubt keeps no LFU data
                    continue;
                }
                case RdbFormat.OPCODE_SELECTDB -> {
                    long n = in.readLength();
                    if (n >= into.count()) {
                        throw new RdbException(at, "database " + n + " out of range (databases is "
                            + into.count() + ")");
                    }
                    db = into.db((int) n);
                    continue;
                }
                case RdbFormat.OPCODE_RESIZEDB -> {
                    in.readLength();
                    in.readLength();
                    continue;
                }
                case RdbFormat.OPCODE_AUX -> {
                    byte[] key = in.readString();
                    byte[] value = in.readString();
                    aux.put(new String(key, StandardCharsets.UTF_8), value);
                    continue;
                }
                case RdbFormat.OPCODE_MODULE_AUX ->
                    throw new RdbException(at, "module data is not supported (Redoubt has no modules)");
                case RdbFormat.OPCODE_FUNCTION, RdbFormat.OPCODE_FUNCTION2 ->
                    throw new RdbException(at, "functions are not supported (Redoubt has no functions)");
                case RdbFormat.OPCODE_EOF -> {
                    checkEnd(in, version);
                    return new Result(version, loaded, expired, Collections.unmodifiableMap(aux));
                }
                default -> { }
            }
            byte[] key = in.readString();
            Object value = ValueReader.read(in, op, limits);
            long when = expireAt;
            long idleSeconds = idle;
            expireAt = 0;
            idle = -1;
            if (value == null) {
                continue; // an empty collection: Redis skips it
            }
            if (skipExpired && when != 0 && when < now) {
                expired++;
                continue;
            }
            if (db.dict().find(key) != null) {
                throw new RdbException(at, "duplicate key '" + Bytes.str(key) + "'");
            }
            Dict.Entry e = db.add(key, value);
            if (when != 0) {
                db.setExpire(e, when);
            }
            if (idleSeconds >= 0) {
                e.lruSeconds = (int) (now / 1000 - idleSeconds);
            }
            loaded++;
        }
    }

    private void checkEnd(RdbInput in, int version) throws IOException, RdbException {
        if (version < 5) {
            return;
        }
        long expected = in.crc();
        long at = in.offset();
        long stored = in.readLittleEndian(8);
        if (verifyChecksum && stored != 0 && stored != expected) {
            throw new RdbException(at, String.format("wrong RDB checksum (file says %016x, content is %016x)",
                stored, expected));
        }
    }
}
