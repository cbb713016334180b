package io.redoubt.persistence.aof;

import io.redoubt.util.SplitArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis 7's AOF manifest: which files make the AOF, one line each, {@code file <name> seq <n> type <b|h|i>}:
 * the base (a snapshot, as commands or RDB), history files (replaced by a rewrite, about to be deleted) and the
 * incremental files appended to since the base, in order. Written base first, then history, then incr, as
 * Redis does; parsed with Redis's rules and error texts.
 */
public final class AofManifest {
    /** A file's role, with the letter the manifest uses. */
    public enum Type {
        BASE('b'), HISTORY('h'), INCR('i');

        final char letter;

        Type(char letter) {
            this.letter = letter;
        }
    }

    /** One line of the manifest. */
    public record Entry(String fileName, long seq, Type type) {
    }

    private Entry base;
    private final List<Entry> history = new ArrayList<>();
    private final List<Entry> incrs = new ArrayList<>();
    private long baseSeq;
    private long incrSeq;

    public Entry base() {
        return base;
    }

    public List<Entry> incrs() {
        return List.copyOf(incrs);
    }

    public List<Entry> history() {
        return List.copyOf(history);
    }

    public boolean isEmpty() {
        return base == null && incrs.isEmpty();
    }

    /** Parses a manifest's text; a malformed one is refused with Redis's reason. */
    public static AofManifest parse(byte[] text) {
        AofManifest m = new AofManifest();
        int lineStart = 0;
        while (lineStart < text.length) {
            int end = lineStart;
            while (end < text.length && text[end] != '\n') {
                end++;
            }
            if (end - lineStart > 1024) {
                throw new AofException("The AOF manifest file contains too long line");
            }
            m.parseLine(text, lineStart, end);
            lineStart = end + 1;
        }
        if (m.isEmpty()) {
            throw new AofException("Found an empty AOF manifest");
        }
        return m;
    }

    private void parseLine(byte[] text, int from, int to) {
        while (from < to && (text[from] == ' ' || text[from] == '\t' || text[from] == '\r')) {
            from++;
        }
        if (from == to || text[from] == '#') {
            return;
        }
        List<byte[]> words = SplitArgs.split(text, from, to);
        if (words == null || words.isEmpty() || words.size() % 2 != 0) {
            throw new AofException("Invalid AOF manifest file format");
        }
        String name = null;
        long seq = -1;
        Type type = null;
        for (int i = 0; i < words.size(); i += 2) {
            String key = new String(words.get(i), StandardCharsets.UTF_8);
            String value = new String(words.get(i + 1), StandardCharsets.UTF_8);
            switch (key) {
                case "file" -> name = value;
                case "seq" -> seq = parseSeq(value);
                case "type" -> type = parseType(value);
                default -> { } // unknown keys are ignored, for forward compatibility
            }
        }
        if (name == null || seq < 0 || type == null) {
            throw new AofException("Invalid AOF manifest file format");
        }
        Entry e = new Entry(name, seq, type);
        switch (type) {
            case BASE -> {
                if (base != null) {
                    throw new AofException("Found duplicate base file information");
                }
                base = e;
                baseSeq = seq;
            }
            case HISTORY -> history.add(e);
            case INCR -> {
                if (seq <= incrSeq) {
                    throw new AofException("Found a non-monotonic sequence number");
                }
                incrs.add(e);
                incrSeq = seq;
            }
        }
    }

    private static long parseSeq(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new AofException("Invalid AOF manifest file format");
        }
    }

    private static Type parseType(String value) {
        for (Type t : Type.values()) {
            if (value.length() == 1 && value.charAt(0) == t.letter) {
                return t;
            }
        }
        throw new AofException("Unknown AOF file type");
    }

    /** The manifest's text: base, history, then incrs, one {@code file ... seq ... type ...} line each. */
    public byte[] format() {
        StringBuilder b = new StringBuilder();
        if (base != null) {
            line(b, base);
        }
        history.forEach(e -> line(b, e));
        incrs.forEach(e -> line(b, e));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder b, Entry e) {
        b.append("file ").append(quoteIfNeeded(e.fileName())).append(" seq ").append(e.seq())
            .append(" type ").append(e.type().letter).append('\n');
    }

    /** Redis writes a name with spaces, quotes or control characters quoted and escaped (sdscatrepr). */
    static String quoteIfNeeded(String name) {
        boolean plain = !name.isEmpty();
        for (char ch : name.toCharArray()) {
            if (ch <= ' ' || ch == '"' || ch == '\'' || ch == '\\' || ch >= 0x7f) {
                plain = false;
            }
        }
        if (plain) {
            return name;
        }
        StringBuilder q = new StringBuilder("\"");
        for (byte by : name.getBytes(StandardCharsets.UTF_8)) {
            int ch = by & 0xff;
            switch (ch) {
                case '\\' -> q.append("\\\\");
                case '"' -> q.append("\\\"");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                case 7 -> q.append("\\a");
                case '\b' -> q.append("\\b");
                default -> {
                    if (ch >= 0x20 && ch < 0x7f) {
                        q.append((char) ch);
                    } else {
                        q.append(String.format("\\x%02x", ch));
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    /** A new base for a rewrite: the old base becomes history; returns the new entry. */
    Entry newBase(String prefix, boolean rdb) {
        if (base != null) {
            history.add(new Entry(base.fileName(), base.seq(), Type.HISTORY));
        }
        baseSeq++;
        base = new Entry(prefix + "." + baseSeq + ".base." + (rdb ? "rdb" : "aof"), baseSeq, Type.BASE);
        return base;
    }

    /** A new incremental file appended to from now on (end of the list). */
    Entry newIncr(String prefix) {
        incrSeq++;
        Entry e = new Entry(prefix + "." + incrSeq + ".incr.aof", incrSeq, Type.INCR);
        incrs.add(e);
        return e;
    }

    /** After a rewrite: every incr but the last one (opened when the rewrite started) becomes history. */
    void markRewrittenIncrsAsHistory(int keepLast) {
        while (incrs.size() > keepLast) {
            Entry e = incrs.remove(0);
            history.add(new Entry(e.fileName(), e.seq(), Type.HISTORY));
        }
    }

    /** The history files, removed from the manifest (the caller deletes them). */
    List<Entry> takeHistory() {
        List<Entry> h = List.copyOf(history);
        history.clear();
        return h;
    }

    AofManifest copy() {
        AofManifest m = new AofManifest();
        m.base = base;
        m.history.addAll(history);
        m.incrs.addAll(incrs);
        m.baseSeq = baseSeq;
        m.incrSeq = incrSeq;
        return m;
    }
}
