package io.redoubt.persistence.aof;

import io.redoubt.command.zset.Scores;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.keyspace.ListValue;
import io.redoubt.keyspace.RedisHash;
import io.redoubt.keyspace.RedisSet;
import io.redoubt.keyspace.SortedSet;
import io.redoubt.keyspace.Values;
import io.redoubt.persistence.RdbSource;
import io.redoubt.util.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A base file made of commands, as Redis's rewriteAppendOnlyFileRio writes it with aof-use-rdb-preamble no:
 * per non-empty database a SELECT, then per key SET, RPUSH, SADD, ZADD or HMSET (at most 64 elements per
 * command) and PEXPIREAT for a key with a time to live. Keys already expired are left out.
 */
public final class CommandBase implements AofBaseFormat {
    private static final int ITEMS_PER_COMMAND = 64; // Redis's AOF_REWRITE_ITEMS_PER_CMD
    private static final byte[] SELECT = Bytes.utf8("SELECT");
    private static final byte[] SET = Bytes.utf8("SET");
    private static final byte[] RPUSH = Bytes.utf8("RPUSH");
    private static final byte[] SADD = Bytes.utf8("SADD");
    private static final byte[] ZADD = Bytes.utf8("ZADD");
    private static final byte[] HMSET = Bytes.utf8("HMSET");
    private static final byte[] PEXPIREAT = Bytes.utf8("PEXPIREAT");

    @Override
    public boolean rdb() {
        return false;
    }

    @Override
    public void write(RdbSource source, OutputStream out) throws IOException {
        long now = System.currentTimeMillis();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64 * 1024);
        for (int i = 0; i < source.databases(); i++) {
            if (source.size(i) == 0) {
                continue;
            }
            RespCommands.write(buf, new byte[][] {SELECT, Bytes.fromLong(i)});
            source.forEach(i, (key, value, expireAt) -> {
                if (expireAt != 0 && expireAt < now) {
                    return;
                }
                writeKey(buf, key, value, expireAt);
                if (buf.size() >= 64 * 1024) {
                    buf.writeTo(out);
                    buf.reset();
                }
            });
        }
        buf.writeTo(out);
    }

    private static void writeKey(ByteArrayOutputStream out, byte[] key, Object v, long expireAt) {
        if (Values.isString(v)) {
            byte[] s = Arrays.copyOf(Values.stringBuffer(v), Values.stringLength(v));
            RespCommands.write(out, new byte[][] {SET, key, s});
        } else if (v instanceof ListValue l) {
            Batcher b = new Batcher(out, RPUSH, key);
            for (int i = 0; i < l.size(); i++) {
                b.add(l.get(i));
            }
            b.finish();
        } else if (v instanceof RedisSet s) {
            Batcher b = new Batcher(out, SADD, key);
            s.forEach(b::add);
            b.finish();
        } else if (v instanceof SortedSet z) {
            Batcher b = new Batcher(out, ZADD, key);
            z.forEach((member, score) -> b.add(Scores.format(score), member));
            b.finish();
        } else if (v instanceof RedisHash h) {
            Batcher b = new Batcher(out, HMSET, key);
            h.forEach(b::add);
            b.finish();
        } else {
            throw new IllegalStateException("no AOF form for " + Values.typeName(v));
        }
        if (expireAt != 0) {
            RespCommands.write(out, new byte[][] {PEXPIREAT, key, Bytes.fromLong(expireAt)});
        }
    }

    /** Groups a collection's elements into commands of at most 64 items (an item may be a pair). */
    private static final class Batcher {
        private final ByteArrayOutputStream out;
        private final byte[] command;
        private final byte[] key;
        private final List<byte[]> args = new ArrayList<>();
        private int items;

        Batcher(ByteArrayOutputStream out, byte[] command, byte[] key) {
            this.out = out;
            this.command = command;
            this.key = key;
        }

        void add(byte[]... item) {
            args.addAll(Arrays.asList(item));
            if (++items == ITEMS_PER_COMMAND) {
                finish();
            }
        }

        void finish() {
            if (items == 0) {
                return;
            }
            byte[][] argv = new byte[args.size() + 2][];
            argv[0] = command;
            argv[1] = key;
            for (int i = 0; i < args.size(); i++) {
                argv[i + 2] = args.get(i);
            }
            RespCommands.write(out, argv);
            args.clear();
            items = 0;
        }
    }

    /** Never called: a command base is replayed like the incr files. */
    @Override
    public void load(Keyspace keyspace, InputStream in, String fileName) {
        throw new UnsupportedOperationException("a command base is replayed, not loaded");
    }
}
