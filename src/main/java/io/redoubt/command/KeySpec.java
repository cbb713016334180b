package io.redoubt.command;

import io.redoubt.net.Reply;
import io.redoubt.util.Bytes;
import java.util.List;

/**
 * One Redis 7 key specification: where the search for keys begins (a fixed index, or just after a keyword)
 * and how keys are found from there (a range, or a count read from the arguments). COMMAND INFO shows it;
 * COMMAND GETKEYS uses it to find the keys of a concrete command line.
 */
public final class KeySpec {
    private final List<String> flags;
    private final int index;
    private final String keyword;
    private final int startFrom;
    private final boolean keynum;
    private final int a;
    private final int b;
    private final int c;
    /** Neither begin_search nor find_keys can be described (Redis's "unknown"): the keys come from elsewhere. */
    private final boolean unknown;
    private String notes;

    private KeySpec(String flags, int index, String keyword, int startFrom, boolean keynum, int a, int b, int c) {
        this.flags = CommandSpec.words(flags);
        this.index = index;
        this.keyword = keyword;
        this.startFrom = startFrom;
        this.keynum = keynum;
        this.a = a;
        this.b = b;
        this.c = c;
        this.unknown = false;
    }

    private KeySpec(String flags) {
        this.flags = CommandSpec.words(flags);
        this.index = 0;
        this.keyword = null;
        this.startFrom = 0;
        this.keynum = false;
        this.a = 0;
        this.b = 0;
        this.c = 0;
        this.unknown = true;
    }

    /**
     * A spec of unknown shape (SORT's BY/GET patterns and STORE): COMMAND INFO shows it as "unknown" and key
     * finding skips it; a command that has one finds its keys with {@link CommandSpec#keyFinder}.
     */
    public static KeySpec unknown(String flags) {
        return new KeySpec(flags);
    }

    /** Adds the "notes" COMMAND INFO shows first in the spec's map. */
    public KeySpec notes(String text) {
        this.notes = text;
        return this;
    }

    /**
     * Keys from argument {@code index} on; {@code lastKey} is relative to it (0: one key, -1: up to the last
     * argument, -2: all but the last); {@code limit} > 1 with lastKey -1 takes only 1/limit of the rest.
     */
    public static KeySpec range(String flags, int index, int lastKey, int keyStep, int limit) {
        return new KeySpec(flags, index, null, 0, false, lastKey, keyStep, limit);
    }

    /** Like {@link #range}, starting after {@code keyword}, searched from {@code startFrom} (negative: from the end). */
    public static KeySpec keyword(String flags, String keyword, int startFrom, int lastKey, int keyStep, int limit) {
        return new KeySpec(flags, 0, keyword, startFrom, false, lastKey, keyStep, limit);
    }

    /** A count at {@code index + keyNumIdx}, then that many keys from {@code index + firstKey}, every keyStep. */
    public static KeySpec keynum(String flags, int index, int keyNumIdx, int firstKey, int keyStep) {
        return new KeySpec(flags, index, null, 0, true, keyNumIdx, firstKey, keyStep);
    }

    public List<String> flags() {
        return flags;
    }

    /**
     * Adds the positions of this spec's keys in {@code args} (args[0] is the command name) to {@code out}.
     * Returns false when the arguments do not fit the spec (a missing keyword is not an error: no keys).
     */
    public boolean collect(byte[][] args, List<Integer> out) {
        if (unknown) {
            return true;
        }
        int argc = args.length;
        int first;
        if (keyword == null) {
            first = index;
        } else {
            first = findKeyword(args);
            if (first < 0) {
                return true;
            }
        }
        int last;
        int step;
        if (keynum) {
            if (first + a >= argc) {
                return false;
            }
            long n = Bytes.toLong(args[first + a], 0, args[first + a].length, -1);
            if (n < 0 || n > argc) {
                return false;
            }
            first += b;
            last = first + (int) n - 1;
            step = c;
        } else {
            step = b;
            if (a >= 0) {
                last = first + a;
            } else if (c == 0) {
                last = argc + a;
            } else {
                last = first + ((argc - first) / c + a);
            }
        }
        if (last >= argc) {
            return false;
        }
        for (int i = first; i <= last; i += step) {
            out.add(i);
        }
        return true;
    }

    private int findKeyword(byte[][] args) {
        int argc = args.length;
        if (startFrom >= 0) {
            for (int i = startFrom; i < argc; i++) {
                if (Bytes.equalsIgnoreCase(args[i], keyword)) {
                    return i + 1;
                }
            }
        } else {
            for (int i = argc + startFrom; i > 0; i--) {
                if (Bytes.equalsIgnoreCase(args[i], keyword)) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    /** Writes the spec as COMMAND INFO shows it: a map of flags, begin_search and find_keys. */
    public void write(Reply r) {
        r.map(notes == null ? 3 : 4);
        if (notes != null) {
            r.bulk("notes");
            r.bulk(notes);
        }
        r.bulk("flags");
        r.set(flags.size());
        flags.forEach(r::simple);
        r.bulk("begin_search");
        if (unknown) {
            writeUnknown(r);
            r.bulk("find_keys");
            writeUnknown(r);
            return;
        }
        r.map(2);
        r.bulk("type");
        if (keyword == null) {
            r.bulk("index");
            r.bulk("spec");
            r.map(1);
            r.bulk("index");
            r.integer(index);
        } else {
            r.bulk("keyword");
            r.bulk("spec");
            r.map(2);
            r.bulk("keyword");
            r.bulk(keyword);
            r.bulk("startfrom");
            r.integer(startFrom);
        }
        r.bulk("find_keys");
        r.map(2);
        r.bulk("type");
        r.bulk(keynum ? "keynum" : "range");
        r.bulk("spec");
        r.map(3);
        r.bulk(keynum ? "keynumidx" : "lastkey");
        r.integer(a);
        r.bulk(keynum ? "firstkey" : "keystep");
        r.integer(b);
        r.bulk(keynum ? "keystep" : "limit");
        r.integer(c);
    }

    private static void writeUnknown(Reply r) {
        r.map(2);
        r.bulk("type");
        r.bulk("unknown");
        r.bulk("spec");
        r.map(0);
    }
}
