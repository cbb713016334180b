package io.redoubt.command.zset;

import io.redoubt.net.Reply;
import java.util.Arrays;

/** A list of (member, score) pairs gathered for a reply or a store, and the reply shapes Redis uses for them. */
final class Elements {
    private byte[][] members = new byte[8][];
    private double[] scores = new double[8];
    private int size;

    void add(byte[] member, double score) {
        if (size == members.length) {
            members = Arrays.copyOf(members, size * 2);
            scores = Arrays.copyOf(scores, size * 2);
        }
        members[size] = member;
        scores[size++] = score;
    }

    int size() {
        return size;
    }

    byte[] member(int i) {
        return members[i];
    }

    double score(int i) {
        return scores[i];
    }

    int maxMemberLength() {
        int max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, members[i].length);
        }
        return max;
    }

    /**
     * Members alone, or with their scores: flat (member, score, ...) in RESP2, an array of [member, score]
     * pairs in RESP3, as Redis 7 replies to ZRANGE WITHSCORES, ZPOPMIN with a count and the like.
     */
    void reply(Reply r, boolean withScores) {
        if (!withScores) {
            r.array(size);
            for (int i = 0; i < size; i++) {
                r.bulk(members[i]);
            }
            return;
        }
        if (r.resp3()) {
            replyPairs(r);
            return;
        }
        r.array(size * 2);
        for (int i = 0; i < size; i++) {
            r.bulk(members[i]);
            Scores.reply(r, scores[i]);
        }
    }

    /** An array of [member, score] pairs in both protocols (ZMPOP). */
    void replyPairs(Reply r) {
        r.array(size);
        for (int i = 0; i < size; i++) {
            r.array(2);
            r.bulk(members[i]);
            Scores.reply(r, scores[i]);
        }
    }
}
