package io.redoubt.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bytes.parseLong follows Redis's string2ll: the canonical decimal form of a signed 64-bit integer only. */
class BytesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "7, 7",
        "-1, -1",
        "10, 10",
        "1234567890, 1234567890",
        "9223372036854775807, 9223372036854775807",
        "-9223372036854775808, -9223372036854775808"})
    void canonicalIntegersParse(String text, long expected) {
        assertThat(Bytes.isLong(b(text))).isTrue();
        assertThat(Bytes.toLong(b(text))).isEqualTo(expected);
        long[] out = new long[1];
        assertThat(Bytes.parseLong(b(text), 0, text.length(), out)).isTrue();
        assertThat(out[0]).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", "+1", "-0", "00", "01", "-01", " 1", "1 ", "1.0", "1e3", "0x10", "12a",
        "9223372036854775808", "-9223372036854775809", "18446744073709551616", "99999999999999999999",
        "123456789012345678901", "\u0661"})
    void anythingElseIsRefused(String text) {
        assertThat(Bytes.isLong(b(text))).isFalse();
        assertThat(Bytes.toLong(b(text), 0, b(text).length, -42)).isEqualTo(-42);
        assertThatThrownBy(() -> Bytes.toLong(b(text))).isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "x123y, 1, 4, 123",
        "x-5, 1, 3, -5",
        "100, 0, 1, 1",
        "100, 1, 3, -42"})
    void parsesARangeOfTheArray(String text, int from, int to, long expected) {
        assertThat(Bytes.toLong(b(text), from, to, -42)).isEqualTo(expected);
    }
}
