package io.redoubt.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Splitting of inline commands and redis.conf lines (Redis's sdssplitargs). Each expectation was taken from
 * Redis 7.0 by sending the line as an inline {@code RPUSH} and reading the list back.
 */
class SplitArgsTest {

    private static List<String> split(String line) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> parts = SplitArgs.split(b, 0, b.length);
        return parts == null ? null : parts.stream().map(p -> new String(p, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void spacesAndTabsSeparate() {
        assertThat(split("a b  c")).containsExactly("a", "b", "c");
        assertThat(split("  lead  trail  ")).containsExactly("lead", "trail");
        assertThat(split("a\tb")).containsExactly("a", "b");
        assertThat(split("")).isEmpty();
        assertThat(split(" \t ")).isEmpty();
    }

    @Test
    void verticalTabAndFormFeedSeparateOnlyAroundWords() {
        assertThat(split("a\u000bb")).containsExactly("a\u000bb");
        assertThat(split("a\fb")).containsExactly("a\fb");
        assertThat(split("\u000ba")).containsExactly("a");
    }

    @Test
    void doubleQuotesUnderstandEscapes() {
        assertThat(split("\"a b\" c")).containsExactly("a b", "c");
        assertThat(split("\"a\\\"b\"")).containsExactly("a\"b");
        assertThat(split("\"a\\\\b\"")).containsExactly("a\\b");
        assertThat(split("\"\\n\\r\\t\\b\\a\"")).containsExactly("\n\r\t\b\u0007");
        assertThat(split("\"\\q\"")).containsExactly("q");
        assertThat(split("\"a\\\\\"")).containsExactly("a\\");
    }

    @Test
    void hexEscapesNeedTwoHexDigits() {
        assertThat(split("\"\\x41\\x4a\\x4A\"")).containsExactly("AJJ");
        assertThat(split("\"\\x41\"")).containsExactly("A");
        assertThat(split("\"\\x4\"")).containsExactly("x4");
        assertThat(split("\"\\xg1\"")).containsExactly("xg1");
        assertThat(split("\"\\x4g\"")).containsExactly("x4g");
        assertThat(split("\"\\\\x41\"")).containsExactly("\\x41");
        assertThat(split("\"\\xff\\x00\"")).containsExactly("\u00ff\u0000");
    }

    @Test
    void singleQuotesOnlyUnderstandEscapedSingleQuote() {
        assertThat(split("'a b' c")).containsExactly("a b", "c");
        assertThat(split("'a\\'b'")).containsExactly("a'b");
        assertThat(split("'a\\nb'")).containsExactly("a\\nb");
        assertThat(split("'a\\\\b'")).containsExactly("a\\\\b");
    }

    @Test
    void emptyQuotesAreEmptyArguments() {
        assertThat(split("\"\"")).containsExactly("");
        assertThat(split("''")).containsExactly("");
        assertThat(split("x \"\" y")).containsExactly("x", "", "y");
    }

    @Test
    void quotesMayStartInsideAWordButMustEndOne() {
        assertThat(split("a\"b c\"")).containsExactly("ab c");
        assertThat(split("a'b'")).containsExactly("ab");
        assertThat(split("\"a\"\tb")).containsExactly("a", "b");
        assertThat(split("a\\b")).containsExactly("a\\b");
    }

    @Test
    void unbalancedQuotesAreRefused() {
        assertThat(split("\"a\"b")).isNull();
        assertThat(split("'a'b")).isNull();
        assertThat(split("\"abc")).isNull();
        assertThat(split("'abc")).isNull();
        assertThat(split("a\"b\"c")).isNull();
        assertThat(split("\"x\"\"\"")).isNull();
        assertThat(split("\"a\\\"")).isNull();
    }

    @Test
    void splitsOnlyTheGivenRange() {
        byte[] b = "xx a \"b c\" yy".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> parts = SplitArgs.split(b, 3, 10);
        assertThat(parts).extracting(p -> new String(p, StandardCharsets.US_ASCII)).containsExactly("a", "b c");
    }
}
