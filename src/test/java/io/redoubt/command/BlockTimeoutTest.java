package io.redoubt.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Blocking timeouts read as Redis 7.2 reads them: float seconds, rounded up to milliseconds. */
class BlockTimeoutTest {
    private static long deadline(String arg) {
        return BlockTimeout.deadline(arg.getBytes(StandardCharsets.US_ASCII), 1_000);
    }

    @Test
    void secondsBecomeAnAbsoluteDeadlineInMilliseconds() {
        assertThat(deadline("0")).isZero();
        assertThat(deadline("-0")).isZero();
        assertThat(deadline("0.0")).isZero();
        assertThat(deadline("0.2")).isEqualTo(1_200);
        assertThat(deadline("0.0001")).isEqualTo(1_001); // rounded up: a tiny timeout is not "forever"
        assertThat(deadline("1e3")).isEqualTo(1_001_000);
        assertThat(deadline("+1.5")).isEqualTo(2_500);
        assertThat(deadline("0x1p1")).isEqualTo(3_000);
    }

    @Test
    void badTimeoutsGetRedisErrors() {
        assertThatThrownBy(() -> deadline("-1")).hasMessage("ERR timeout is negative");
        assertThatThrownBy(() -> deadline("-0.001")).hasMessage("ERR timeout is negative");
        assertThatThrownBy(() -> deadline("-inf")).hasMessage("ERR timeout is negative");
        assertThatThrownBy(() -> deadline("abc")).hasMessage("ERR timeout is not a float or out of range");
        assertThatThrownBy(() -> deadline("1 ")).hasMessage("ERR timeout is not a float or out of range");
        assertThatThrownBy(() -> deadline("nan")).hasMessage("ERR timeout is not a float or out of range");
        assertThatThrownBy(() -> deadline("inf")).hasMessage("ERR timeout is out of range");
        assertThatThrownBy(() -> deadline("1e30")).hasMessage("ERR timeout is out of range");
        assertThatThrownBy(() -> deadline("9223372036854775")).hasMessage("ERR timeout is out of range");
    }
}
