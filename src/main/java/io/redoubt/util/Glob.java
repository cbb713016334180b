package io.redoubt.util;

/**
 * Redis's glob-style matching (KEYS, SCAN MATCH, CONFIG GET, PSUBSCRIBE): {@code *}, {@code ?},
 * {@code [abc]}, {@code [^a-z]} and backslash escapes, over bytes, with Redis's edge cases: an unterminated
 * class ends with the pattern, a trailing backslash is a literal backslash, and an empty text matches only an
 * empty pattern (KEYS and SCAN treat a lone "*" as "everything" before they match).
 *
 * <p>Matching is iterative and only ever backtracks to the last star: once the rest of the pattern fails from
 * every position after a star, giving an earlier star more text cannot help. That keeps patterns like
 * {@code a*a*a*...b} linear in the text instead of exponential, as Redis's own guard does.
 */
public final class Glob {
    private static final int NO_MATCH = -1;

    private Glob() {
    }

    public static boolean matches(byte[] pattern, byte[] text, boolean nocase) {
        if (text.length == 0) {
            return pattern.length == 0;
        }
        int pi = 0;
        int si = 0;
        int starAt = -1; // pattern index just after the last star seen
        int starText = 0; // text index that star's match currently ends at
        while (si < text.length) {
            if (pi < pattern.length && pattern[pi] == '*') {
                while (pi < pattern.length && pattern[pi] == '*') {
                    pi++;
                }
                if (pi == pattern.length) {
                    return true;
                }
                starAt = pi;
                starText = si;
                continue;
            }
            int next = pi < pattern.length ? matchOne(pattern, pi, text[si], nocase) : NO_MATCH;
            if (next != NO_MATCH) {
                pi = next;
                si++;
            } else if (starAt >= 0) {
                pi = starAt;
                si = ++starText;
            } else {
                return false;
            }
        }
        while (pi < pattern.length && pattern[pi] == '*') {
            pi++;
        }
        return pi == pattern.length;
    }

    public static boolean matches(String pattern, String text) {
        return matches(Bytes.utf8(pattern), Bytes.utf8(text), true);
    }

    /** Matches one character against the pattern element at pi; returns the index after the element, or NO_MATCH. */
    private static int matchOne(byte[] p, int pi, byte c, boolean nocase) {
        switch (p[pi]) {
            case '?':
                return pi + 1;
            case '[':
                return matchClass(p, pi + 1, c, nocase);
            case '\\':
                if (pi + 1 < p.length) {
                    return eq(p[pi + 1], c, nocase) ? pi + 2 : NO_MATCH;
                }
                return c == '\\' ? pi + 1 : NO_MATCH;
            default:
                return eq(p[pi], c, nocase) ? pi + 1 : NO_MATCH;
        }
    }

    /** A class whose body starts at i (after '['); returns the index after its ']' (or the pattern end). */
    private static int matchClass(byte[] p, int i, byte c, boolean nocase) {
        boolean negate = i < p.length && p[i] == '^';
        if (negate) {
            i++;
        }
        boolean hit = false;
        while (i < p.length && p[i] != ']') {
            if (p[i] == '\\' && i + 1 < p.length) {
                i++;
                hit |= p[i] == c; // an escaped character is compared exactly, even when matching without case
            } else if (i + 2 < p.length && p[i + 1] == '-') {
                hit |= inRange(p[i] & 0xff, p[i + 2] & 0xff, c & 0xff, nocase);
                i += 2;
            } else {
                hit |= eq(p[i], c, nocase);
            }
            i++;
        }
        return hit != negate ? Math.min(i + 1, p.length) : NO_MATCH;
    }

    private static boolean inRange(int start, int end, int ch, boolean nocase) {
        int lo = Math.min(start, end);
        int hi = Math.max(start, end);
        if (nocase) {
            lo = lower(lo);
            hi = lower(hi);
            ch = lower(ch);
        }
        return ch >= lo && ch <= hi;
    }

    private static boolean eq(byte a, byte b, boolean nocase) {
        return a == b || (nocase && lower(a & 0xff) == lower(b & 0xff));
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
