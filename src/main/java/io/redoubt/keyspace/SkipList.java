package io.redoubt.keyspace;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis's zskiplist: nodes ordered by (score, member bytes), each level link carrying the number of nodes it
 * skips (its span), so that a node's rank and the node at a rank are found in O(log n). Members compare as
 * unsigned bytes, shorter prefix first, as Redis's sdscmp does.
 */
final class SkipList {
    static final int MAX_LEVEL = 32;
    private static final int P_QUARTER = 4; // a node reaches the next level with probability 1/4

    static final class Node {
        final byte[] member;
        double score;
        Node backward;
        final Node[] forward;
        final int[] span;

        Node(int level, double score, byte[] member) {
            this.member = member;
            this.score = score;
            this.forward = new Node[level];
            this.span = new int[level];
        }
    }

    private final Node header = new Node(MAX_LEVEL, 0, null);
    private Node tail;
    private int length;
    private int level = 1;

    int length() {
        return length;
    }

    Node first() {
        return header.forward[0];
    }

    Node last() {
        return tail;
    }

    static int compare(double score, byte[] member, double otherScore, byte[] otherMember) {
        int c = Double.compare(score, otherScore);
        if (score == otherScore) {
            c = 0; // -0.0 and 0.0 are the same score to Redis
        }
        return c != 0 ? c : Arrays.compareUnsigned(member, otherMember);
    }

    private static boolean less(Node n, double score, byte[] member) {
        return compare(n.score, n.member, score, member) < 0;
    }

    private static int randomLevel() {
        int lvl = 1;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (lvl < MAX_LEVEL && r.nextInt(P_QUARTER) == 0) {
            lvl++;
        }
        return lvl;
    }

    /** Inserts a member known to be absent. */
    Node insert(double score, byte[] member) {
        Node[] update = new Node[MAX_LEVEL];
        int[] rank = new int[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.forward[i] != null && less(x.forward[i], score, member)) {
                rank[i] += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        int lvl = randomLevel();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                header.span[i] = length;
            }
            level = lvl;
        }
        x = new Node(lvl, score, member);
        for (int i = 0; i < lvl; i++) {
            x.forward[i] = update[i].forward[i];
            update[i].forward[i] = x;
            x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = rank[0] - rank[i] + 1;
        }
        for (int i = lvl; i < level; i++) {
            update[i].span[i]++;
        }
        x.backward = update[0] == header ? null : update[0];
        if (x.forward[0] != null) {
            x.forward[0].backward = x;
        } else {
            tail = x;
        }
        length++;
        return x;
    }

    /** Removes the node of (score, member); false if there is none. */
    boolean delete(double score, byte[] member) {
        Node[] update = new Node[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && less(x.forward[i], score, member)) {
                x = x.forward[i];
            }
            update[i] = x;
        }
        x = x.forward[0];
        if (x == null || compare(x.score, x.member, score, member) != 0) {
            return false;
        }
        for (int i = 0; i < level; i++) {
            if (update[i].forward[i] == x) {
                update[i].span[i] += x.span[i] - 1;
                update[i].forward[i] = x.forward[i];
            } else {
                update[i].span[i]--;
            }
        }
        if (x.forward[0] != null) {
            x.forward[0].backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.forward[level - 1] == null) {
            level--;
        }
        length--;
        return true;
    }

    /** Moves a node to a new score; in place when its neighbours keep it in order, as Redis does. */
    Node updateScore(Node n, double newScore) {
        Node next = n.forward[0];
        if ((n.backward == null || compare(n.backward.score, n.backward.member, newScore, n.member) < 0)
            && (next == null || compare(next.score, next.member, newScore, n.member) > 0)) {
            n.score = newScore;
            return n;
        }
        delete(n.score, n.member);
        return insert(newScore, n.member);
    }

    /** The number of nodes, from the first, for which the test holds. */
    int countBefore(SortedSet.Before test) {
        Node x = header;
        int rank = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && test.test(x.forward[i].score, x.forward[i].member)) {
                rank += x.span[i];
                x = x.forward[i];
            }
        }
        return rank;
    }

    /** The 0-based rank of a node that is in the list. */
    int rankOf(double score, byte[] member) {
        return countBefore((s, m) -> compare(s, m, score, member) < 0);
    }

    /** The node at a 0-based rank, or null past the end. */
    Node byRank(int rank) {
        int target = rank + 1;
        Node x = header;
        int traversed = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && traversed + x.span[i] <= target) {
                traversed += x.span[i];
                x = x.forward[i];
            }
            if (traversed == target) {
                return x;
            }
        }
        return null;
    }
}
