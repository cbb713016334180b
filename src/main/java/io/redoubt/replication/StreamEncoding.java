package io.redoubt.replication;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Commands as they travel on the replication stream: RESP multibulk, exactly as Redis writes them. */
final class StreamEncoding {
    private StreamEncoding() {
    }

    static byte[] encode(byte[][] argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + argv.length * 16);
        header(out, '*', argv.length);
        for (byte[] a : argv) {
            header(out, '$', a.length);
            out.writeBytes(a);
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Bytes {@link #encode} would produce, without building them (the offset a replica applies). */
    static long encodedLength(byte[][] argv) {
        long n = 3 + digits(argv.length);
        for (byte[] a : argv) {
            n += 3 + digits(a.length) + a.length + 2;
        }
        return n;
    }

    private static int digits(long v) {
        return Long.toString(v).length();
    }

    private static void header(ByteArrayOutputStream out, char type, long n) {
        out.write(type);
        out.writeBytes(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
