package io.redoubt.persistence.aof;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes commands as RESP multibulks, the form of every command in an AOF. */
public final class RespCommands {
    private RespCommands() {
    }

    /** Appends {@code *argc\r\n} then {@code $len\r\nbytes\r\n} per argument. */
    public static void write(ByteArrayOutputStream out, byte[][] argv) {
        header(out, '*', argv.length);
        for (byte[] a : argv) {
            header(out, '$', a.length);
            out.write(a, 0, a.length);
            out.write('\r');
            out.write('\n');
        }
    }

    private static void header(ByteArrayOutputStream out, char type, long n) {
        out.write(type);
        byte[] digits = Long.toString(n).getBytes(StandardCharsets.US_ASCII);
        out.write(digits, 0, digits.length);
        out.write('\r');
        out.write('\n');
    }
}
