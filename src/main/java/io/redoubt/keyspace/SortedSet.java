package io.redoubt.keyspace;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A sorted-set value, ordered by score then member bytes. Small sets use Redis's "listpack" encoding, here
 * sorted parallel arrays (member lookup is a linear scan, as in a listpack); a set that outgrows
 * zset-max-listpack-entries or gets a member longer than zset-max-listpack-value becomes a "skiplist": a
 * {@link SkipList} for order and ranks plus a {@link Dict} from member to node for O(1) scores and
 * ZSCAN's cursor guarantee. Like Redis, a set never goes back to listpack in place.
 */
public final class SortedSet implements MutableValue {
    /** The two conversion thresholds, read from the directives by the caller. */
    public record Limits(long entries, long value) {
    }

    /** A test that holds for a prefix of the order (every element before some point, none after). */
    public interface Before {
        boolean test(double score, byte[] member);
    }

    /** Receives elements in order. */
    public interface Visitor {
        void visit(byte[] member, double score);
    }

    // listpack encoding: members and scores sorted, in lpSize leading slots
    private byte[][] lpMembers;
    private double[] lpScores;
    private int lpSize;
    // skiplist encoding
    private SkipList list;
    private Dict dict;

    private SortedSet() {
    }

    /**
     * An empty set, in the encoding Redis's zsetTypeCreate picks for the expected number of elements and
     * longest member.
     */
    public static SortedSet create(long sizeHint, long maxMemberLength, Limits limits) {
        SortedSet z = new SortedSet();
        if (sizeHint <= limits.entries() && maxMemberLength <= limits.value()) {
            z.lpMembers = new byte[(int) Math.max(4, Math.min(sizeHint, 128))][];
            z.lpScores = new double[z.lpMembers.length];
        } else {
            z.list = new SkipList();
            z.dict = new Dict();
        }
        return z;
    }

    /** Counts changes of the contents, so WATCH can tell a command that changed the value from one that did not. */
    private long version;

    @Override
    public long version() {
        return version;
    }

    public boolean isListpack() {
        return list == null;
    }

    @Override
    public String encoding() {
        return isListpack() ? "listpack" : "skiplist";
    }

    public int size() {
        return isListpack() ? lpSize : list.length();
    }

    /** The member's score, or NaN when it is absent (a score is never NaN). */
    public double score(byte[] member) {
        if (isListpack()) {
            int i = lpIndexOf(member);
            return i < 0 ? Double.NaN : lpScores[i];
        }
        Dict.Entry e = dict.find(member);
        return e == null ? Double.NaN : ((SkipList.Node) e.value).score;
    }

    public boolean contains(byte[] member) {
        return !Double.isNaN(score(member));
    }

    /** Adds the member or moves it to a new score; returns true when it was added. */
    public boolean put(byte[] member, double score, Limits limits) {
        if (isListpack()) {
            int i = lpIndexOf(member);
            if (i >= 0) {
                if (lpScores[i] != score) {
                    version++;
                    lpRemoveAt(i);
                    lpInsert(member, score);
                }
                return false;
            }
            if (lpSize + 1 > limits.entries() || member.length > limits.value()) {
                convertToSkipList();
            } else {
                version++;
                lpInsert(member, score);
                return true;
            }
        }
        Dict.Entry e = dict.find(member);
        if (e != null) {
            SkipList.Node n = (SkipList.Node) e.value;
            if (n.score != score) {
                version++;
                e.value = list.updateScore(n, score);
            }
            return false;
        }
        version++;
        dict.insert(member).value = list.insert(score, member);
        return true;
    }

    public boolean remove(byte[] member) {
        boolean removed = removeMember(member);
        if (removed) {
            version++;
        }
        return removed;
    }

    private boolean removeMember(byte[] member) {
        if (isListpack()) {
            int i = lpIndexOf(member);
            if (i < 0) {
                return false;
            }
            lpRemoveAt(i);
            return true;
        }
        Dict.Entry e = dict.remove(member);
        if (e == null) {
            return false;
        }
        list.delete(((SkipList.Node) e.value).score, member);
        return true;
    }

    /** The member's 0-based rank in ascending order, or -1 when absent. */
    public int rank(byte[] member) {
        if (isListpack()) {
            int i = lpIndexOf(member);
            return i;
        }
        Dict.Entry e = dict.find(member);
        return e == null ? -1 : list.rankOf(((SkipList.Node) e.value).score, member);
    }

    /**
     * How many elements, from the lowest, pass a test that holds for a prefix of the order (e.g. "score below
     * 5"): the rank where a score or lex range begins or ends. O(log n).
     */
    public int countBefore(Before test) {
        if (!isListpack()) {
            return list.countBefore(test);
        }
        int lo = 0;
        int hi = lpSize;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (test.test(lpScores[mid], lpMembers[mid])) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public byte[] memberAt(int rank) {
        return isListpack() ? lpMembers[rank] : list.byRank(rank).member;
    }

    public double scoreAt(int rank) {
        return isListpack() ? lpScores[rank] : list.byRank(rank).score;
    }

    /** Visits ranks from..to (inclusive, 0-based, within bounds), from 'to' down when reverse. */
    public void forRange(int from, int to, boolean reverse, Visitor v) {
        if (from > to) {
            return;
        }
        if (isListpack()) {
            for (int i = 0; i <= to - from; i++) {
                int at = reverse ? to - i : from + i;
                v.visit(lpMembers[at], lpScores[at]);
            }
            return;
        }
        SkipList.Node n = list.byRank(reverse ? to : from);
        for (int i = 0; i <= to - from; i++) {
            v.visit(n.member, n.score);
            n = reverse ? n.backward : n.forward[0];
        }
    }

    public void forEach(Visitor v) {
        forRange(0, size() - 1, false, v);
    }

    /** Removes ranks from..to (inclusive, within bounds); returns how many. */
    public int removeRange(int from, int to) {
        if (from > to) {
            return 0;
        }
        int n = to - from + 1;
        version++;
        if (isListpack()) {
            System.arraycopy(lpMembers, to + 1, lpMembers, from, lpSize - to - 1);
            System.arraycopy(lpScores, to + 1, lpScores, from, lpSize - to - 1);
            Arrays.fill(lpMembers, lpSize - n, lpSize, null);
            lpSize -= n;
            return n;
        }
        byte[][] gone = new byte[n][];
        int[] k = {0};
        forRange(from, to, false, (m, s) -> gone[k[0]++] = m);
        for (byte[] m : gone) {
            remove(m);
        }
        return n;
    }

    /**
     * One ZSCAN step over a skiplist set's member dict (Redis's guarantee across resizes); a listpack set is
     * returned whole with cursor 0, as Redis does.
     */
    public long scan(long cursor, Visitor v) {
        if (isListpack()) {
            forEach(v);
            return 0;
        }
        Consumer<Dict.Entry> each = e -> v.visit(e.key, ((SkipList.Node) e.value).score);
        return dict.scan(cursor, each);
    }

    @Override
    public SortedSet copy() {
        SortedSet z = new SortedSet();
        if (isListpack()) {
            z.lpMembers = lpMembers.clone();
            z.lpScores = lpScores.clone();
            z.lpSize = lpSize;
        } else {
            z.list = new SkipList();
            z.dict = new Dict();
            // members are never modified in place, so the copy may share them
            forEach((m, s) -> z.dict.insert(m).value = z.list.insert(s, m));
        }
        return z;
    }

    /** SORT converts the set it sorts to a skiplist for good, as Redis's sortCommandGeneric does. */
    public void forceSkipList() {
        if (isListpack()) {
            convertToSkipList();
        }
    }

    private void convertToSkipList() {
        SkipList l = new SkipList();
        Dict d = new Dict();
        for (int i = 0; i < lpSize; i++) {
            d.insert(lpMembers[i]).value = l.insert(lpScores[i], lpMembers[i]);
        }
        list = l;
        dict = d;
        lpMembers = null;
        lpScores = null;
        lpSize = 0;
    }

    private int lpIndexOf(byte[] member) {
        for (int i = 0; i < lpSize; i++) {
            if (Arrays.equals(lpMembers[i], member)) {
                return i;
            }
        }
        return -1;
    }

    private void lpInsert(byte[] member, double rawScore) {
        // a listpack stores an integral score as an integer, so Redis's listpack turns -0 into 0
        double score = rawScore == 0 ? 0.0 : rawScore;
        int at = countBefore((s, m) -> SkipList.compare(s, m, score, member) < 0);
        if (lpSize == lpMembers.length) {
            int cap = lpSize * 2;
            lpMembers = Arrays.copyOf(lpMembers, cap);
            lpScores = Arrays.copyOf(lpScores, cap);
        }
        System.arraycopy(lpMembers, at, lpMembers, at + 1, lpSize - at);
        System.arraycopy(lpScores, at, lpScores, at + 1, lpSize - at);
        lpMembers[at] = member;
        lpScores[at] = score;
        lpSize++;
    }

    private void lpRemoveAt(int i) {
        System.arraycopy(lpMembers, i + 1, lpMembers, i, lpSize - i - 1);
        System.arraycopy(lpScores, i + 1, lpScores, i, lpSize - i - 1);
        lpSize--;
        lpMembers[lpSize] = null;
    }

    @Override
    public String typeName() {
        return "zset";
    }
}
