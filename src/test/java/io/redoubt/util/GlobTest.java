package io.redoubt.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Redis's glob matching (stringmatchlen). The case-sensitive answers were taken from Redis 7.0 with
 * SCAN MATCH over a key holding the text; backslashes are written doubled as in Java strings.
 */
class GlobTest {

    private static boolean match(String pattern, String text, boolean nocase) {
        return Glob.matches(pattern.getBytes(StandardCharsets.ISO_8859_1), text.getBytes(StandardCharsets.ISO_8859_1), nocase);
    }

    @ParameterizedTest(name = "''{0}'' ~ ''{1}'' = {2}")
    @CsvSource(delimiter = '\t', quoteCharacter = '`', value = {
        // stars and question marks
        "a*\ta\ttrue",
        "*\tabc\ttrue",
        "**\t``\tfalse",
        "?\t``\tfalse",
        "?\ta\ttrue",
        "??\ta\tfalse",
        "a?c\tabc\ttrue",
        "a*c\tac\ttrue",
        "a*c\tabbbc\ttrue",
        "a*c\tabcd\tfalse",
        "*a*b\taaab\ttrue",
        "x*\tx\ttrue",
        "*x*\tx\ttrue",
        "``\t``\ttrue",
        // classes and ranges
        "[abc]\tb\ttrue",
        "[abc]\td\tfalse",
        "[^abc]\td\ttrue",
        "[^abc]\ta\tfalse",
        "[a-c]\tb\ttrue",
        "[c-a]\tb\ttrue",
        "[a-c]\tB\tfalse",
        "[a-]\t-\tfalse",
        "[a-]\ta\ttrue",
        "[-a]\t-\ttrue",
        "*[0-9]\tkey9\ttrue",
        "h[^e]llo\thallo\ttrue",
        "h[^e]llo\thello\tfalse",
        "[!a]\tb\tfalse",
        "[!a]\t!\ttrue",
        // unterminated and empty classes
        "[abc\tb\ttrue",
        "[abc\td\tfalse",
        "[\t[\tfalse",
        "[\t``\tfalse",
        "[]\t]\tfalse",
        "[]]\t]\tfalse",
        "[^]\tx\ttrue",
        "a[\ta\tfalse",
        "a[b\tab\ttrue",
        // escapes
        "[\\\\]]\t]\ttrue",
        "[\\\\]\t]\ttrue",
        "[\\\\]\t\\\\\tfalse",
        "[a\\\\-z]\tb\tfalse",
        "[a\\\\-z]\t-\ttrue",
        "a\\\\*c\ta*c\ttrue",
        "a\\\\*c\tabc\tfalse",
        "\\\\?\t?\ttrue",
        "\\\\?\tx\tfalse",
        "ab\\\\\tab\\\\\ttrue",
        "ab\\\\\tabx\tfalse",
        "\\\\\t\\\\\ttrue"})
    void matchesLikeRedis(String pattern, String text, boolean expected) {
        String p = pattern.replace("\\\\", "\\");
        String t = text.replace("\\\\", "\\");
        assertThat(match(p, t, false)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' ~nocase ''{1}'' = {2}")
    @CsvSource(delimiter = '\t', value = {
        "ABC\tabc\ttrue",
        "abc\tABC\ttrue",
        "a*C\tAxxc\ttrue",
        "[A-C]\tb\ttrue",
        "[a-c]\tB\ttrue",
        "[^a-c]\tB\tfalse",
        "[X]\tx\ttrue",
        "\\X\tx\ttrue",
        // an escaped character inside a class is compared exactly, even without case
        "[\\X]\tx\tfalse",
        "max*\tMAXCLIENTS\ttrue",
        "ab?\tABD\ttrue"})
    void nocaseFoldsAsciiLetters(String pattern, String text, boolean expected) {
        assertThat(match(pattern, text, true)).isEqualTo(expected);
    }

    @Test
    void caseMattersUnlessNocase() {
        assertThat(match("ABC", "abc", false)).isFalse();
        assertThat(match("[A-C]", "b", false)).isFalse();
        assertThat(match("\\X", "x", false)).isFalse();
    }

    @Test
    void stringVersionIsCaseInsensitiveForConfigNames() {
        assertThat(Glob.matches("*MAX*", "maxclients")).isTrue();
        assertThat(Glob.matches("port", "tcp-port")).isFalse();
    }

    @Test
    void bytesAboveAsciiAreComparedExactly() {
        byte[] text = {'k', (byte) 0xe9, 'y'};
        assertThat(Glob.matches(new byte[] {'k', (byte) 0xe9, '*'}, text, false)).isTrue();
        assertThat(Glob.matches(new byte[] {'k', (byte) 0xc9, '*'}, text, true)).isFalse();
        assertThat(Glob.matches(new byte[] {'k', '?', 'y'}, text, false)).isTrue();
    }

    @Test
    void patternsWithManyStarsDoNotBacktrackExponentially() {
        String text = "a".repeat(10_000);
        String pattern = "a*".repeat(40) + "b";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(match(pattern, text, false)).isFalse());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(match("*a*a*a*a*a*a*a*a*a*a*", text, false)).isTrue());
    }
}
