package io.redoubt.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.keyspace.CollectionLimits;
import io.redoubt.keyspace.ListValue;
import io.redoubt.keyspace.RedisHash;
import io.redoubt.keyspace.RedisSet;
import io.redoubt.keyspace.SortedSet;
import io.redoubt.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The building blocks against known vectors: CRC-64 check value, LZF output equal to liblzf's (taken from the
 * DUMP payloads of a real Redis 7.0.15), and DUMP payloads of small values byte for byte as Redis writes them.
 */
class RdbFormatTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void crc64MatchesTheJonesCheckValue() {
        byte[] check = b("123456789");
        assertThat(Crc64.of(check, 0, check.length)).isEqualTo(0xe9c6d914c4b8d9caL);
        assertThat(Crc64.of(new byte[0], 0, 0)).isZero();
        // byte-at-a-time continuation gives the same result as one pass
        long crc = 0;
        for (byte x : check) {
            crc = Crc64.update(crc, x);
        }
        assertThat(crc).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void crc64EightBytesAtATimeEqualsByteAtATime() {
        Random r = new Random(3);
        byte[] data = new byte[1000];
        r.nextBytes(data);
        for (int round = 0; round < 300; round++) {
            int off = r.nextInt(40);
            int len = r.nextInt(data.length - off);
            long start = r.nextLong();
            long bytewise = start;
            for (int i = off; i < off + len; i++) {
                bytewise = Crc64.update(bytewise, data[i]);
            }
            assertThat(Crc64.update(start, data, off, len)).isEqualTo(bytewise);
        }
        byte[] check = b("123456789123456789");
        assertThat(Crc64.of(check, 9, 9)).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void lzfCompressesAsLiblzfDoes() {
        // DUMP of SET a <100 x 'a'> on redis-server 7.0.15: 00 c3 <clen 9> <len 100> then the LZF bytes
        assertThat(Lzf.compress(b("a".repeat(100)), 96)).isEqualTo(HEX.parseHex("016161e057000161610a".substring(0, 18)));
        String text = "hello world hello world hello world hello world, the quick brown fox jumps over the lazy dog "
            + "hello world";
        byte[] expected = HEX.parseHex("0c68656c6c6f20776f726c642068e0190b1f2c2074686520717569636b2062726f776e20666f78"
            + "206a756d7073206f766572601e076c617a7920646f67e00150016c64");
        assertThat(Lzf.compress(b(text), text.length() - 4)).isEqualTo(expected);
        assertThat(Lzf.decompress(expected, text.length())).isEqualTo(b(text));
    }

    @Test
    void lzfOutputDoesNotDependOnEarlierInputs() {
        // the table of positions is reused between calls: what an earlier, longer input left in it must not
        // turn into matches (a slot it filled points past the start of a shorter input's text)
        String text = "hello world hello world hello world hello world, the quick brown fox jumps over the lazy dog "
            + "hello world";
        byte[] alone = Lzf.compress(b(text), text.length() - 4);
        Random r = new Random(7);
        for (int round = 0; round < 50; round++) {
            byte[] earlier = new byte[200 + r.nextInt(5000)];
            for (int i = 0; i < earlier.length; i++) {
                earlier[i] = (byte) text.charAt(r.nextInt(text.length()));
            }
            Lzf.compress(earlier, earlier.length + earlier.length / 32 + 16);
            assertThat(Lzf.compress(b(text), text.length() - 4)).isEqualTo(alone);
            assertThat(Lzf.compress(b("a".repeat(100)), 96)).isEqualTo(HEX.parseHex("016161e05700016161"));
        }
    }

    @Test
    void lzfRoundTripsAndRefusesWhatDoesNotFit() {
        Random r = new Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] in = new byte[1 + r.nextInt(20000)];
            int alphabet = 1 + r.nextInt(round % 2 == 0 ? 4 : 256);
            for (int i = 0; i < in.length; i++) {
                in[i] = (byte) r.nextInt(alphabet);
            }
            byte[] packed = Lzf.compress(in, in.length + in.length / 32 + 16); // liblzf's worst case
            assertThat(Lzf.decompress(packed, in.length)).isEqualTo(in);
        }
        byte[] noise = new byte[64];
        new Random(1).nextBytes(noise);
        assertThat(Lzf.compress(noise, 60)).isNull();
    }

    @Test
    void lzfDecompressionRefusesBadInput() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Lzf.decompress(HEX.parseHex("20ff"), 10))
            .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Lzf.decompress(HEX.parseHex("0561"), 6))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dumpPayloadsEqualRedis70s() throws Exception {
        assertThat(hex(DumpPayload.dump(b("a".repeat(100)), true)))
            .isEqualTo("00c3094064016161e057000161610a00e8a3b507b06df271");

        ListValue l = new ListValue();
        for (String e : new String[] {"a", "b", "c", "1", "2", "300", "-5", "100000"}) {
            l.pushTail(b(e));
        }
        assertThat(hex(DumpPayload.dump(l, true)))
            .isEqualTo("1201021f1f000000080081610281620281630201010201c12c02dffb02f2a0860104ff0a00bce771f157a7a3c2");

        RedisHash h = new RedisHash();
        h.put(b("f1"), b("v1"), CollectionLimits.DEFAULTS);
        h.put(b("f2"), b("2"), CollectionLimits.DEFAULTS);
        assertThat(hex(DumpPayload.dump(h, true)))
            .isEqualTo("10151500000004008266310382763103826632030201ff0a005c5ea813feec1ff5");

        RedisSet s = RedisSet.empty();
        for (String m : new String[] {"1", "2", "3", "70000"}) {
            s.add(b(m), CollectionLimits.DEFAULTS);
        }
        assertThat(hex(DumpPayload.dump(s, true)))
            .isEqualTo("0b180400000004000000010000000200000003000000701101000a00ef2e6521e385a22a");

        SortedSet z = SortedSet.create(3, 1, new SortedSet.Limits(128, 64));
        z.put(b("a"), 1, new SortedSet.Limits(128, 64));
        z.put(b("b"), 2.5, new SortedSet.Limits(128, 64));
        z.put(b("c"), -3, new SortedSet.Limits(128, 64));
        assertThat(hex(DumpPayload.dump(z, true)))
            .isEqualTo("111a1a0000000600816302dffd02816102010181620283322e3504ff0a00a68a1ab1a9f2dcc2");
        assertThat(Bytes.str((byte[]) DumpPayload.restore(DumpPayload.dump(b("x"), true),
            EncodingLimits.DEFAULTS, true))).isEqualTo("x");
    }

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}
