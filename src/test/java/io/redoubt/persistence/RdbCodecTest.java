package io.redoubt.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.keyspace.CollectionLimits;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.keyspace.ListNodeLimit;
import io.redoubt.keyspace.ListValue;
import io.redoubt.keyspace.RedisHash;
import io.redoubt.keyspace.RedisSet;
import io.redoubt.keyspace.SortedSet;
import io.redoubt.keyspace.Values;
import io.redoubt.util.Bytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Whole RDBs through {@link RdbWriter} and {@link RdbLoader}: every type in every encoding round-trips in
 * versions 10 and 11, compressed or not; files in the encodings only older Redis versions write (ziplist,
 * zipmap, quicklist of ziplists, string-scored zsets, second expiry times) and Redis 7.2's version 11 (set
 * listpack) are read from bytes built here from the format's description; what Redoubt cannot hold and
 * corrupt input are refused with the offset, leaving the keyspace untouched.
 */
class RdbCodecTest {
    private static final SortedSet.Limits ZSET_LIMITS = new SortedSet.Limits(128, 64);

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    /** A keyspace holding every type in every encoding, some with a time to live, in two databases. */
    static Keyspace everything() {
        Keyspace ks = new Keyspace(4);
        ks.beginCommand(System.nanoTime(), true);
        Database db = ks.db(0);
        db.add(b("int"), b("-123456"));
        db.add(b("embstr"), b("hello"));
        db.add(b("raw"), b("abcd".repeat(100)));
        db.add(b("appendable"), new io.redoubt.keyspace.MutableString(b("grown in place")));
        ListValue small = new ListValue();
        for (String e : new String[] {"a", "1", "-70000", "x".repeat(70), "9223372036854775807"}) {
            small.pushTail(b(e));
        }
        db.add(b("list:listpack"), small);
        ListValue big = new ListValue();
        for (int i = 0; i < 3000; i++) {
            byte[] e = b(i == 1500 ? "z".repeat(9000) : "element-" + i);
            big.growing(e.length, 1, ListNodeLimit.DEFAULT);
            big.pushTail(e);
        }
        db.add(b("list:quicklist"), big);
        CollectionLimits limits = CollectionLimits.DEFAULTS;
        RedisSet ints = RedisSet.empty();
        for (String m : new String[] {"5", "-5", "5000000000"}) {
            ints.add(b(m), limits);
        }
        db.add(b("set:intset"), ints);
        RedisSet lp = RedisSet.emptyListpack();
        for (String m : new String[] {"pear", "1", "apple"}) {
            lp.add(b(m), limits);
        }
        db.add(b("set:listpack"), lp);
        RedisSet table = RedisSet.create(b("m"), 300, limits);
        for (int i = 0; i < 300; i++) {
            table.add(b("m" + i), limits);
        }
        db.add(b("set:hashtable"), table);
        RedisHash hl = new RedisHash();
        hl.put(b("f"), b("v"), limits);
        hl.put(b("n"), b("42"), limits);
        db.add(b("hash:listpack"), hl);
        RedisHash ht = new RedisHash();
        for (int i = 0; i < 200; i++) {
            ht.put(b("field" + i), b("value" + i), limits);
        }
        db.add(b("hash:hashtable"), ht);
        SortedSet zl = SortedSet.create(4, 5, ZSET_LIMITS);
        zl.put(b("a"), 1.5, ZSET_LIMITS);
        zl.put(b("b"), -2, ZSET_LIMITS);
        zl.put(b("c"), Double.POSITIVE_INFINITY, ZSET_LIMITS);
        zl.put(b("d"), 0.1, ZSET_LIMITS);
        db.add(b("zset:listpack"), zl);
        SortedSet zs = SortedSet.create(200, 10, ZSET_LIMITS);
        for (int i = 0; i < 200; i++) {
            zs.put(b("member" + i), i / 3.0, ZSET_LIMITS);
        }
        db.add(b("zset:skiplist"), zs);
        Dict.Entry ttl = db.add(b("with-ttl"), b("v"));
        db.setExpire(ttl, System.currentTimeMillis() + 100_000);
        Database db3 = ks.db(3);
        Dict.Entry e3 = db3.add(b("db3"), b("three"));
        db3.setExpire(e3, System.currentTimeMillis() + 50_000);
        return ks;
    }

    /** Every key as "db/key type encoding expiry content". */
    static Map<String, String> describe(Keyspace ks) {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < ks.count(); i++) {
            int db = i;
            ks.db(i).dict().forEach(e -> out.put(db + "/" + Bytes.str(e.key),
                Values.typeName(e.value) + " " + Values.encoding(e.value) + " " + e.expireAt + " "
                    + content(e.value)));
        }
        return out;
    }

    static String content(Object v) {
        List<String> parts = new ArrayList<>();
        if (Values.isString(v)) {
            return java.util.HexFormat.of().formatHex(Values.stringBuffer(v), 0, Values.stringLength(v));
        } else if (v instanceof ListValue l) {
            for (int i = 0; i < l.size(); i++) {
                parts.add(Bytes.str(l.get(i)));
            }
        } else if (v instanceof RedisSet s) {
            s.forEach(m -> parts.add(Bytes.str(m)));
            parts.sort(null);
        } else if (v instanceof RedisHash h) {
            h.forEach((f, x) -> parts.add(Bytes.str(f) + "=" + Bytes.str(x)));
            parts.sort(null);
        } else if (v instanceof SortedSet z) {
            z.forEach((m, s) -> parts.add(Bytes.str(m) + "=" + s));
        }
        return parts.toString();
    }

    private static byte[] write(Keyspace ks, RdbOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RdbWriter(options).write(ks, out);
        return out.toByteArray();
    }

    private static Keyspace load(byte[] rdb) throws Exception {
        Keyspace ks = new Keyspace(4);
        new RdbLoader(EncodingLimits.DEFAULTS).load(new ByteArrayInputStream(rdb), ks);
        return ks;
    }

    @Test
    void everyTypeAndEncodingRoundTrips() throws Exception {
        Keyspace original = everything();
        for (int version : new int[] {10, 11}) {
            for (boolean compress : new boolean[] {true, false}) {
                byte[] rdb = write(original, new RdbOptions(version, compress, true));
                Map<String, String> loaded = describe(load(rdb));
                Map<String, String> expected = describe(original);
                // a string loads with the encoding its size gives, as in Redis: APPEND's spare room is not kept
                expected.put("0/appendable", expected.get("0/appendable").replace("string raw", "string embstr"));
                assertThat(loaded.keySet()).isEqualTo(expected.keySet());
                for (String k : expected.keySet()) {
                    assertThat(loaded.get(k)).as("%s, version %d, compression %s", k, version, compress)
                        .isEqualTo(expected.get(k));
                }
            }
        }
    }

    /** A replication link goes on after the RDB: the loader must leave the stream at the byte after the checksum. */
    @Test
    void loadingReadsNothingPastTheChecksum() throws Exception {
        byte[] rdb = write(everything(), RdbOptions.DEFAULTS);
        byte[] more = b("*1\r\n$4\r\nPING\r\n");
        byte[] stream = java.util.Arrays.copyOf(rdb, rdb.length + more.length);
        System.arraycopy(more, 0, stream, rdb.length, more.length);
        java.io.InputStream in = new java.io.BufferedInputStream(new ByteArrayInputStream(stream));
        Keyspace ks = new Keyspace(4);
        RdbLoader.Result r = new RdbLoader(EncodingLimits.DEFAULTS, true, false).load(in, ks);
        assertThat(r.version()).isEqualTo(10);
        assertThat(Bytes.str(r.aux().get("redis-bits"))).isEqualTo("64");
        assertThat(in.readAllBytes()).isEqualTo(more);
        assertThat(describe(ks)).hasSize(describe(everything()).size());
    }

    @Test
    void compressionShrinksRepetitiveStrings() throws Exception {
        Keyspace ks = everything();
        assertThat(write(ks, new RdbOptions(10, true, true)).length)
            .isLessThan(write(ks, new RdbOptions(10, false, true)).length);
    }

    @Test
    void version10WritesAListpackSetAsAPlainSetAndVersion11AsType20() throws Exception {
        Keyspace ks = new Keyspace(1);
        RedisSet lp = RedisSet.emptyListpack();
        lp.add(b("x"), CollectionLimits.DEFAULTS);
        ks.db(0).add(b("s"), lp);
        assertThat(indexOfType(write(ks, new RdbOptions(10, false, true)), "s")).isEqualTo(RdbFormat.TYPE_SET);
        assertThat(indexOfType(write(ks, new RdbOptions(11, false, true)), "s")).isEqualTo(RdbFormat.TYPE_SET_LISTPACK);
    }

    /** The type byte written before a one-byte-named key of the only database. */
    private static int indexOfType(byte[] rdb, String key) {
        for (int i = rdb.length - 12; i > 0; i--) {
            if (rdb[i] == 1 && rdb[i + 1] == key.charAt(0)) {
                return rdb[i - 1] & 0xff;
            }
        }
        throw new AssertionError("key not found");
    }

    // ---- hand-built inputs ----

    /** Writes RDB files piece by piece. */
    static final class Builder {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final RdbOutput out = new RdbOutput(bytes, false);

        Builder(int version) throws IOException {
            out.write(b(String.format("REDIS%04d", version)));
        }

        Builder op(int opcode) throws IOException {
            out.writeByte(opcode);
            return this;
        }

        Builder len(long n) throws IOException {
            out.writeLength(n);
            return this;
        }

        Builder str(byte[] s) throws IOException {
            out.writeString(s);
            return this;
        }

        Builder str(String s) throws IOException {
            return str(b(s));
        }

        Builder raw(byte[] r) throws IOException {
            out.write(r);
            return this;
        }

        Builder le(long v, int n) throws IOException {
            out.writeLittleEndian(v, n);
            return this;
        }

        byte[] end() throws IOException {
            out.writeByte(RdbFormat.OPCODE_EOF);
            out.writeLittleEndian(out.crc(), 8);
            return bytes.toByteArray();
        }
    }

    /** A ziplist of strings (6-bit lengths) and small integers (int16), as Redis before 7.0 wrote them. */
    static byte[] ziplist(String... entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int prev = 0;
        for (String e : entries) {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            entry.write(prev);
            long[] v = new long[1];
            byte[] s = b(e);
            if (Bytes.parseLong(s, 0, s.length, v) && v[0] >= 0 && v[0] <= 12) {
                entry.write(0xf1 + (int) v[0]);
            } else if (Bytes.parseLong(s, 0, s.length, v) && v[0] >= Short.MIN_VALUE && v[0] <= Short.MAX_VALUE) {
                entry.write(0xc0);
                entry.write((int) v[0] & 0xff);
                entry.write(((int) v[0] >> 8) & 0xff);
            } else {
                entry.write(s.length);
                entry.writeBytes(s);
            }
            prev = entry.size();
            body.writeBytes(entry.toByteArray());
        }
        int total = 10 + body.size() + 1;
        byte[] z = new byte[total];
        Listpack.writeLe(z, 0, total, 4);
        Listpack.writeLe(z, 4, 10 + body.size() - prev, 4);
        Listpack.writeLe(z, 8, entries.length, 2);
        System.arraycopy(body.toByteArray(), 0, z, 10, body.size());
        z[total - 1] = (byte) 0xff;
        return z;
    }

    static byte[] zipmap(String... pairs) {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        z.write(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) {
            z.write(pairs[i].length());
            z.writeBytes(b(pairs[i]));
            z.write(pairs[i + 1].length());
            z.write(1); // one free byte after the value
            z.writeBytes(b(pairs[i + 1]));
            z.write(0);
        }
        z.write(0xff);
        return z.toByteArray();
    }

    static byte[] listpack(String... entries) {
        Listpack.Builder lp = new Listpack.Builder();
        for (String e : entries) {
            lp.add(b(e));
        }
        return lp.build();
    }

    @Test
    void readsRedis72Version11WithASetListpack() throws Exception {
        byte[] rdb = new Builder(11)
            .op(RdbFormat.OPCODE_AUX).str("redis-ver").str("7.2.4")
            .op(RdbFormat.OPCODE_SELECTDB).len(0).op(RdbFormat.OPCODE_RESIZEDB).len(2).len(0)
            .op(RdbFormat.TYPE_SET_LISTPACK).str("s").str(listpack("a", "b", "7"))
            .op(RdbFormat.TYPE_LIST_QUICKLIST_2).str("l").len(2)
            .len(RdbFormat.QUICKLIST_NODE_PACKED).str(listpack("1", "two"))
            .len(RdbFormat.QUICKLIST_NODE_PLAIN).str("plain")
            .end();
        Keyspace ks = load(rdb);
        Map<String, String> d = describe(ks);
        assertThat(d.get("0/s")).isEqualTo("set listpack 0 [7, a, b]");
        assertThat(d.get("0/l")).isEqualTo("list listpack 0 [1, two, plain]");
    }

    @Test
    void readsTheEncodingsOfOlderVersions() throws Exception {
        long inAnHour = System.currentTimeMillis() / 1000 + 3600;
        byte[] rdb = new Builder(9)
            .op(RdbFormat.OPCODE_SELECTDB).len(1)
            .op(RdbFormat.OPCODE_EXPIRETIME).le(inAnHour, 4)
            .op(RdbFormat.TYPE_LIST_ZIPLIST).str("zl").str(ziplist("a", "5", "-300", "hello"))
            .op(RdbFormat.TYPE_LIST_QUICKLIST).str("ql").len(2).str(ziplist("1", "2")).str(ziplist("three"))
            .op(RdbFormat.TYPE_HASH_ZIPMAP).str("zm").str(zipmap("f", "v", "g", "w"))
            .op(RdbFormat.TYPE_HASH_ZIPLIST).str("hz").str(ziplist("f", "1", "g", "two"))
            .op(RdbFormat.TYPE_ZSET_ZIPLIST).str("zz").str(ziplist("a", "1", "b", "2.5"))
            .op(RdbFormat.OPCODE_IDLE).len(100)
            .op(RdbFormat.TYPE_ZSET).str("zo").len(3).str("x").raw(new byte[] {3, '1', '.', '5'})
            .str("y").raw(new byte[] {(byte) 254}).str("z").raw(new byte[] {(byte) 255})
            .op(RdbFormat.OPCODE_FREQ).raw(new byte[] {5})
            .op(RdbFormat.TYPE_LIST).str("pl").len(2).str("p").str("q")
            .op(RdbFormat.TYPE_SET).str("ps").len(3).str("3").str("1").str("2")
            .op(RdbFormat.TYPE_SET_INTSET).str("is").str(Intset.encode(new long[] {-1, 70000}, 2))
            .op(RdbFormat.TYPE_HASH).str("ph").len(1).str("k").str("v")
            .op(RdbFormat.TYPE_ZSET_2).str("z2").len(1).str("m").le(Double.doubleToLongBits(-0.5), 8)
            .end();
        Keyspace ks = load(rdb);
        Map<String, String> d = describe(ks);
        assertThat(d.get("1/zl")).isEqualTo("list listpack " + inAnHour * 1000 + " [a, 5, -300, hello]");
        assertThat(d.get("1/ql")).isEqualTo("list listpack 0 [1, 2, three]");
        assertThat(d.get("1/zm")).isEqualTo("hash listpack 0 [f=v, g=w]");
        assertThat(d.get("1/hz")).isEqualTo("hash listpack 0 [f=1, g=two]");
        assertThat(d.get("1/zz")).isEqualTo("zset listpack 0 [a=1.0, b=2.5]");
        assertThat(d.get("1/zo")).isEqualTo("zset listpack 0 [z=-Infinity, x=1.5, y=Infinity]");
        assertThat(d.get("1/pl")).isEqualTo("list listpack 0 [p, q]");
        assertThat(d.get("1/ps")).isEqualTo("set intset 0 [1, 2, 3]");
        assertThat(d.get("1/is")).isEqualTo("set intset 0 [-1, 70000]");
        assertThat(d.get("1/ph")).isEqualTo("hash listpack 0 [k=v]");
        assertThat(d.get("1/z2")).isEqualTo("zset listpack 0 [m=-0.5]");
        int idle = (int) (System.currentTimeMillis() / 1000) - ks.db(1).dict().find(b("zo")).lruSeconds;
        assertThat(idle).isBetween(99, 102);
    }

    @Test
    void skipsExpiredKeysAndEmptyCollections() throws Exception {
        byte[] rdb = new Builder(10)
            .op(RdbFormat.OPCODE_EXPIRETIME_MS).le(System.currentTimeMillis() - 1000, 8)
            .op(RdbFormat.TYPE_STRING).str("gone").str("v")
            .op(RdbFormat.TYPE_SET).str("empty").len(0)
            .op(RdbFormat.TYPE_STRING).str("kept").str("v")
            .end();
        Keyspace ks = new Keyspace(1);
        RdbLoader.Result r = new RdbLoader(EncodingLimits.DEFAULTS).load(new ByteArrayInputStream(rdb), ks);
        assertThat(r.keysLoaded()).isEqualTo(1);
        assertThat(r.keysExpired()).isEqualTo(1);
        assertThat(describe(ks)).containsOnlyKeys("0/kept");
        // a replica keeps what its master sent, expired or not
        Keyspace replica = new Keyspace(1);
        new RdbLoader(EncodingLimits.DEFAULTS, true, false).load(new ByteArrayInputStream(rdb), replica);
        assertThat(describe(replica)).containsOnlyKeys("0/gone", "0/kept");
    }

    private static void refused(byte[] rdb, String reason) {
        Keyspace ks = new Keyspace(4);
        ks.db(0).add(b("before"), b("kept"));
        assertThatThrownBy(() -> new RdbLoader(EncodingLimits.DEFAULTS).load(new ByteArrayInputStream(rdb), ks))
            .isInstanceOf(RdbException.class).hasMessageContaining(reason);
        assertThat(describe(ks)).containsOnlyKeys("0/before"); // nothing half-loaded
    }

    @Test
    void refusesWhatRedoubtCannotHold() throws Exception {
        refused(new Builder(10).op(RdbFormat.OPCODE_FUNCTION2).str("#!lua name=x").end(),
            "functions are not supported (Redoubt has no functions) at offset 9");
        refused(new Builder(10).op(RdbFormat.OPCODE_MODULE_AUX).len(1).end(), "module data is not supported");
        refused(new Builder(10).op(RdbFormat.TYPE_STREAM_LISTPACKS).str("st").len(0).end(),
            "stream values are not supported (Redoubt has no streams)");
        refused(new Builder(10).op(RdbFormat.TYPE_MODULE_2).str("m").len(1).end(), "module values are not supported");
        refused(new Builder(10).op(RdbFormat.OPCODE_SELECTDB).len(5).end(), "database 5 out of range");
        refused(new Builder(12).end(), "can't handle RDB format version 12");
    }

    @Test
    void refusesCorruptAndTruncatedFiles() throws Exception {
        byte[] good = write(everything(), RdbOptions.DEFAULTS);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x01;
        assertThatThrownBy(() -> load(flipped)).isInstanceOf(RdbException.class);
        for (int cut : new int[] {3, 9, 40, good.length / 2, good.length - 9, good.length - 1}) {
            byte[] truncated = java.util.Arrays.copyOf(good, cut);
            refused(truncated, "");
        }
        refused(java.util.Arrays.copyOf(good, good.length - 1), "unexpected end of file at offset " + (good.length - 1));
        byte[] badCrc = good.clone();
        badCrc[good.length - 1] ^= 0x40;
        refused(badCrc, "wrong RDB checksum");
        refused(b("NOTREDIS0010"), "wrong signature");
        refused(new Builder(10).op(RdbFormat.TYPE_HASH_LISTPACK).str("h").str(listpack("only-a-field")).end(),
            "bad encoded value: hash with a field without value");
        refused(new Builder(10).op(RdbFormat.TYPE_SET_INTSET).str("i").str(new byte[] {3, 0, 0, 0, 0, 0, 0, 0}).end(),
            "intset with element width 3");
        refused(new Builder(10).op(RdbFormat.TYPE_STRING).str("k").str("a").op(RdbFormat.TYPE_STRING).str("k").str("b")
            .end(), "duplicate key 'k'");
        refused(new Builder(10).op(RdbFormat.TYPE_STRING).str("k").raw(new byte[] {(byte) 0xc3, 5, 10, 0x20, 1})
            .end(), "invalid LZF compressed string");
        // a zero checksum means "not checked", as in Redis
        byte[] unchecked = good.clone();
        java.util.Arrays.fill(unchecked, good.length - 8, good.length, (byte) 0);
        assertThat(describe(load(unchecked))).isEqualTo(describe(load(good)));
    }

    @Test
    void dumpPayloadsRoundTripAndAreChecked() throws Exception {
        Keyspace ks = everything();
        ks.db(0).dict().forEach(e -> {
            byte[] payload = DumpPayload.dump(e.value, true);
            try {
                Object back = DumpPayload.restore(payload, EncodingLimits.DEFAULTS, true);
                assertThat(content(back)).isEqualTo(content(e.value));
            } catch (DumpPayload.Refused r) {
                throw new AssertionError(r);
            }
        });
        byte[] p = DumpPayload.dump(b("value"), true);
        byte[] badCrc = p.clone();
        badCrc[p.length - 1] ^= 1;
        assertThat(refusal(badCrc)).isEqualTo(DumpPayload.Refusal.VERSION_OR_CHECKSUM);
        byte[] v12 = p.clone();
        v12[p.length - 10] = 12;
        assertThat(refusal(v12)).isEqualTo(DumpPayload.Refusal.VERSION_OR_CHECKSUM);
        assertThat(refusal(new byte[5])).isEqualTo(DumpPayload.Refusal.VERSION_OR_CHECKSUM);
        assertThat(refusal(withFooter(new byte[] {RdbFormat.TYPE_STREAM_LISTPACKS, 0})))
            .isEqualTo(DumpPayload.Refusal.BAD_DATA);
        assertThat(refusal(withFooter(new byte[] {RdbFormat.TYPE_SET, 0}))).isEqualTo(DumpPayload.Refusal.BAD_DATA);
        assertThat(refusal(withFooter(new byte[] {RdbFormat.TYPE_STRING, 5, 'a'}))).isEqualTo(DumpPayload.Refusal.BAD_DATA);
        // Redis 7.2's version 11 payload of a set listpack
        ByteArrayOutputStream v11 = new ByteArrayOutputStream();
        v11.write(RdbFormat.TYPE_SET_LISTPACK);
        byte[] lp = listpack("a", "b");
        v11.write(lp.length);
        v11.writeBytes(lp);
        Object set = DumpPayload.restore(withFooter(v11.toByteArray(), 11), EncodingLimits.DEFAULTS, true);
        assertThat(content(set)).isEqualTo("[a, b]");
    }

    private static byte[] withFooter(byte[] body) {
        return withFooter(body, 10);
    }

    static byte[] withFooter(byte[] body, int version) {
        byte[] p = java.util.Arrays.copyOf(body, body.length + 10);
        Listpack.writeLe(p, body.length, version, 2);
        Listpack.writeLe(p, body.length + 2, Crc64.of(p, 0, body.length + 2), 8);
        return p;
    }

    private static DumpPayload.Refusal refusal(byte[] payload) {
        try {
            DumpPayload.restore(payload, EncodingLimits.DEFAULTS, true);
            throw new AssertionError("accepted");
        } catch (DumpPayload.Refused r) {
            return r.refusal();
        }
    }
}
