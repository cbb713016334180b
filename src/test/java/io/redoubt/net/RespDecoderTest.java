package io.redoubt.net;

import static io.redoubt.support.RawConnection.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.redoubt.config.DirectiveCatalog;
import io.redoubt.config.DirectiveRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder on its own, fed exactly the reads a test chooses. */
class RespDecoderTest {
    private final DirectiveRegistry directives = DirectiveCatalog.create();
    private boolean authenticated = true;
    private final List<Object> decoded = new ArrayList<>();
    private final RespDecoder decoder = new RespDecoder(directives, () -> authenticated, bytes -> { },
        decoded::add);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    private List<Object> feed(byte[]... reads) {
        for (byte[] r : reads) {
            channel.writeInbound(Unpooled.wrappedBuffer(r));
        }
        return taken();
    }

    /** What the decoder has handed on since this was last called. */
    private List<Object> taken() {
        List<Object> out = new ArrayList<>(decoded);
        decoded.clear();
        return out;
    }

    private static List<String> args(Object command) {
        return Arrays.stream((byte[][]) command).map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void byteByByteDecodesTheSameCommandsAsOneRead() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(command("SET", "k", "v".repeat(70_000)));
        all.writeBytes(ascii("ECHO \"a b\" 'c'\r\n\r\n"));
        all.writeBytes(ascii("*0\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\n"));
        all.writeBytes(command("PING"));
        byte[] bytes = all.toByteArray();

        List<List<String>> whole = feed(bytes).stream().map(RespDecoderTest::args).toList();
        List<byte[]> single = new ArrayList<>();
        for (byte b : bytes) {
            single.add(new byte[] {b});
        }
        List<List<String>> pieces = feed(single.toArray(byte[][]::new)).stream().map(RespDecoderTest::args).toList();

        assertThat(whole).containsExactly(List.of("SET", "k", "v".repeat(70_000)), List.of("ECHO", "a b", "c"),
            List.of("ECHO", ""), List.of("PING"));
        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    void aRequestOverTheUnauthenticatedLimitsWaitsForTheCommandsBeforeIt() {
        authenticated = false;
        String[] big = new String[12];
        Arrays.fill(big, "x");
        List<Object> first = feed(command("AUTH", "secret"), command(big));
        assertThat(first).hasSize(1);
        assertThat(args(first.get(0))).containsExactly("AUTH", "secret");

        authenticated = true; // the handler ran AUTH
        decoder.commandsExecuted();
        List<Object> resumed = taken();
        assertThat(resumed).hasSize(1);
        assertThat(args(resumed.get(0))).hasSize(12);
        decoder.commandsExecuted();
        assertThat(taken()).isEmpty();
    }

    @Test
    void aRequestOverTheUnauthenticatedLimitsFailsWhenNothingBeforeItAuthenticated() {
        authenticated = false;
        assertThat(feed(command("AUTH", "wrong"), ascii("*2\r\n$4\r\nECHO\r\n$20000\r\n"))).hasSize(1);
        decoder.commandsExecuted();
        List<Object> resumed = taken();
        assertThat(resumed).singleElement().isInstanceOfSatisfying(ProtocolFault.class, f -> {
            assertThat(f.getMessage()).isEqualTo("Protocol error: unauthenticated bulk length");
            assertThat(f.replies()).isTrue();
        });
        assertThat(feed(command("PING"))).isEmpty(); // nothing is read after a fault
    }

    @Test
    void theQueryBufferLimitCountsOnlyTheRequestBeingRead() {
        directives.load("client-query-buffer-limit", "1mb");
        String key = "k".repeat(600_000);
        String value = "v".repeat(600_000);
        byte[] request = command("SET", key, value);
        List<byte[]> reads = new ArrayList<>();
        for (int off = 0; off < request.length; off += 65536) {
            reads.add(Arrays.copyOfRange(request, off, Math.min(request.length, off + 65536)));
        }
        assertThat(feed(reads.toArray(byte[][]::new))).singleElement().satisfies(c -> assertThat(args(c)).hasSize(3));

        List<Object> out = feed(ascii("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2000000\r\n"), ascii("x".repeat(1_048_577)));
        assertThat(out).singleElement().isInstanceOfSatisfying(ProtocolFault.class, f -> assertThat(f.replies()).isFalse());
    }
}
