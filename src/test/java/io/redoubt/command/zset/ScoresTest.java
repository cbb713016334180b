package io.redoubt.command.zset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.command.RedisError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Redis 7.2's score printing (d2string: integers, shortest round trip, fpconv layout) and strtod reading. */
class ScoresTest {
    private static String format(double d) {
        return new String(Scores.format(d), StandardCharsets.US_ASCII);
    }

    private static double parse(String s) {
        return Scores.parse(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void printsLikeRedis72() {
        assertThat(format(0.1)).isEqualTo("0.1");
        assertThat(format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(format(3.0)).isEqualTo("3");
        assertThat(format(-0.0)).isEqualTo("-0");
        assertThat(format(0.0)).isEqualTo("0");
        assertThat(format(1e300)).isEqualTo("1e+300");
        assertThat(format(-1.5e-7)).isEqualTo("-1.5e-7");
        assertThat(format(1e-5)).isEqualTo("0.00001");
        assertThat(format(123.456)).isEqualTo("123.456");
        assertThat(format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(format(4611686018427387904.0)).isEqualTo("4611686018427387904"); // 2^62: still an integer
        assertThat(format(1e19)).isEqualTo("1e+19");
        assertThat(format(1.2345e20)).isEqualTo("1.2345e+20");
        assertThat(format(5e-324)).isEqualTo("5e-324"); // Java 17's toString says 4.9E-324
        assertThat(format(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(format(2.5e-3)).isEqualTo("0.0025");
        assertThat(format(1e105)).isEqualTo("1e+105");
    }

    @Test
    void printedScoresReadBack() {
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 10000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (!Double.isNaN(d)) {
                assertThat(parse(format(d))).isEqualTo(d);
            }
        }
    }

    @Test
    void readsLikeStrtod() {
        assertThat(parse("1.5")).isEqualTo(1.5);
        assertThat(parse("+inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parse("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("0x10")).isEqualTo(16);
        assertThat(parse("0x1.8p1")).isEqualTo(3);
        assertThat(parse(".5")).isEqualTo(0.5);
        assertThat(parse("5.")).isEqualTo(5);
        assertThat(parse("1e3")).isEqualTo(1000);
        assertThat(parse("4.9e-324")).isEqualTo(Double.MIN_VALUE); // subnormal: accepted
        for (String bad : new String[] {"", " 1", "1 ", "nan", "1e400", "1e-400", "abc", "1e", "1d", "0x", "--1",
            "Infinityx"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isSameAs(RedisError.NOT_FLOAT);
        }
    }

    @Test
    void rangeBoundsAreLenientLikeZslParseRange() {
        assertThat(Scores.parseBound("".getBytes(), 0)).isEqualTo(0);
        assertThat(Scores.parseBound(" 2".getBytes(), 0)).isEqualTo(2);
        assertThat(Scores.parseBound("(1e400".getBytes(), 1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Scores.parseBound("1x".getBytes(), 0)).isNaN();
        assertThat(Scores.parseBound("nan".getBytes(), 0)).isNaN();
    }

    @Test
    void fpconvHasNoIntegerShortcut() {
        assertThat(Scores.fpconv(0.1)).isEqualTo("0.1");
        assertThat(Scores.fpconv(100.0)).isEqualTo("100");
        assertThat(Scores.fpconv(1e17)).as("d2string would print the integer").isEqualTo("1e+17");
        assertThat(format(1e17)).isEqualTo("100000000000000000");
        assertThat(Scores.fpconv(-0.0)).isEqualTo("-0");
        assertThat(Scores.fpconv(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void sortWeightsReadLikeSortsStrtod() {
        assertThat(Scores.parseSortWeight("".getBytes())).isEqualTo(0);
        assertThat(Scores.parseSortWeight(" 2".getBytes())).isEqualTo(2);
        assertThat(Scores.parseSortWeight("3\0junk".getBytes())).as("a C string ends at NUL").isEqualTo(3);
        assertThat(Scores.parseSortWeight("2 ".getBytes())).isNaN();
        assertThat(Scores.parseSortWeight("1e400".getBytes())).isNaN();
        assertThat(Scores.parseSortWeight("nan".getBytes())).isNaN();
        assertThat(Scores.parseSortWeight("-inf".getBytes())).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
