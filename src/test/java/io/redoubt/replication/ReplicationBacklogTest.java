package io.redoubt.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The backlog's offsets as INFO reports them and the bytes PSYNC continues from, across wrap-around and resizing. */
class ReplicationBacklogTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void holdsTheLastBytesWithRedisOffsets() {
        ReplicationBacklog b = new ReplicationBacklog(16 * 1024, 100);
        assertThat(b.firstOffset()).isEqualTo(101);
        assertThat(b.histlen()).isZero();
        assertThat(b.holdsFrom(101)).isTrue(); // nothing missed yet
        assertThat(b.holdsFrom(100)).isFalse();
        b.append(bytes("hello world"), 0, 11);
        assertThat(b.histlen()).isEqualTo(11);
        assertThat(text(b.from(101))).isEqualTo("hello world");
        assertThat(text(b.from(107))).isEqualTo("world");
        assertThat(text(b.from(112))).isEmpty();
        assertThat(b.holdsFrom(113)).isFalse(); // ahead of the stream
    }

    @Test
    void wrapsAroundKeepingTheMostRecentBytes() {
        ReplicationBacklog b = new ReplicationBacklog(16 * 1024, 0);
        byte[] chunk = new byte[1000];
        long written = 0;
        for (int i = 0; i < 40; i++) {
            java.util.Arrays.fill(chunk, (byte) ('a' + i % 26));
            b.append(chunk, 0, chunk.length);
            written += chunk.length;
        }
        assertThat(b.histlen()).isEqualTo(16 * 1024);
        assertThat(b.firstOffset()).isEqualTo(written - 16 * 1024 + 1);
        assertThat(b.holdsFrom(b.firstOffset() - 1)).isFalse();
        byte[] tail = b.from(written - 999);
        assertThat(tail).hasSize(1000);
        assertThat(tail[0]).isEqualTo((byte) ('a' + 39 % 26));
        assertThat(b.from(b.firstOffset())).hasSize(16 * 1024);
    }

    @Test
    void resizingKeepsWhatFits() {
        ReplicationBacklog b = new ReplicationBacklog(32 * 1024, 0);
        byte[] data = new byte[30 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        b.append(data, 0, data.length);
        b.resize(16 * 1024);
        assertThat(b.histlen()).isEqualTo(16 * 1024);
        assertThat(b.firstOffset()).isEqualTo(data.length - 16 * 1024 + 1);
        assertThat(b.from(b.firstOffset())[0]).isEqualTo(data[data.length - 16 * 1024]);
        b.append(bytes("more"), 0, 4);
        assertThat(text(b.from(data.length + 1))).isEqualTo("more");
    }
}
