package io.redoubt.keyspace;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Distinct random elements of a collection, for HRANDFIELD, SRANDMEMBER and SPOP with a positive count.
 * Like Redis: when the count is a large part of the collection, shuffle a copy of all of it; otherwise
 * draw at random and skip repeats, which is cheap while repeats are rare.
 */
public final class RandomSample {
    /** Redis's threshold (SRANDMEMBER_SUB_STRATEGY_MUL): copy-and-shuffle above size / 3. */
    private static final int SUB_STRATEGY_MUL = 3;

    private RandomSample() {
    }

    /**
     * {@code count} distinct elements (count below size) of a collection of {@code size} elements, which
     * {@code all} visits and {@code random} draws from; {@code key} tells elements apart.
     */
    public static <T> List<T> distinct(int size, int count, Consumer<Consumer<T>> all, Supplier<T> random,
                                       Function<T, byte[]> key) {
        if ((long) count * SUB_STRATEGY_MUL > size) {
            List<T> everything = new ArrayList<>(size);
            all.accept(everything::add);
            Collections.shuffle(everything, ThreadLocalRandom.current());
            return everything.subList(0, count);
        }
        List<T> picked = new ArrayList<>(count);
        Set<ByteBuffer> seen = new HashSet<>();
        while (picked.size() < count) {
            T t = random.get();
            if (seen.add(ByteBuffer.wrap(key.apply(t)))) {
                picked.add(t);
            }
        }
        return picked;
    }
}
