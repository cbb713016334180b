package io.redoubt.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The SLOWLOG: the newest entries first, capped at slowlog-max-len; arguments trimmed as Redis trims them. */
public final class SlowLog {
    static final int MAX_ARGS = 32;
    static final int MAX_ARG_LEN = 128;

    /** One slow command: arguments as logged, client address and name. */
    public record Entry(long id, long timestampSeconds, long micros, List<byte[]> args, String address, String name) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    public synchronized void record(byte[][] argv, long micros, String address, String name, int maxLen) {
        List<byte[]> args = new ArrayList<>();
        int n = Math.min(argv.length, MAX_ARGS);
        for (int i = 0; i < n; i++) {
            if (i == MAX_ARGS - 1 && argv.length > MAX_ARGS) {
                args.add(("... (" + (argv.length - MAX_ARGS + 1) + " more arguments)").getBytes());
                break;
            }
            byte[] a = argv[i];
            if (a.length > MAX_ARG_LEN) {
                byte[] head = java.util.Arrays.copyOf(a, MAX_ARG_LEN);
                String more = "... (" + (a.length - MAX_ARG_LEN) + " more bytes)";
                byte[] out = java.util.Arrays.copyOf(head, MAX_ARG_LEN + more.length());
                System.arraycopy(more.getBytes(), 0, out, MAX_ARG_LEN, more.length());
                a = out;
            }
            args.add(a);
        }
        entries.addFirst(new Entry(nextId++, System.currentTimeMillis() / 1000, micros, args, address,
            name == null ? "" : name));
        trim(maxLen);
    }

    public synchronized void trim(int maxLen) {
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    public synchronized List<Entry> newest(int count) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (out.size() >= count) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void reset() {
        entries.clear();
    }
}
