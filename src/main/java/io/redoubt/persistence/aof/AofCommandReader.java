package io.redoubt.persistence.aof;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the commands of an AOF file as Redis's loader does: each must be a RESP multibulk ({@code *argc}, then
 * {@code $len} bulks); lines starting with {@code #} are annotations and skipped. Tracks the offset of the end
 * of the last complete command, where a truncated file is cut.
 */
final class AofCommandReader implements AutoCloseable {
    /** The file ends in the middle of a command. */
    static final class Truncated extends Exception {
        Truncated() {
            super("short read", null, false, false);
        }
    }

    /** Something that is not a command where one should start. */
    static final class BadFormat extends Exception {
        BadFormat(String reason) {
            super(reason, null, false, false);
        }
    }

    private final InputStream in;
    private long offset;
    private long validUpTo;

    AofCommandReader(InputStream in) {
        this.in = new BufferedInputStream(in, 64 * 1024);
    }

    /** Offset just after the last complete command read. */
    long validUpTo() {
        return validUpTo;
    }

    /** The next command, or null at the end of the file. */
    byte[][] next() throws IOException, Truncated, BadFormat {
        int first;
        while (true) {
            first = read();
            if (first == -1) {
                return null;
            }
            if (first != '#') {
                break;
            }
            skipLine(); // an annotation (aof-timestamp-enabled)
            validUpTo = offset;
        }
        if (first != '*') {
            throw new BadFormat("expected '*' at the start of a command");
        }
        long argc = number();
        if (argc < 1) {
            throw new BadFormat("bad argument count");
        }
        byte[][] argv = new byte[(int) Math.min(argc, Integer.MAX_VALUE)][];
        for (int i = 0; i < argv.length; i++) {
            int c = read();
            if (c == -1) {
                throw new Truncated();
            }
            if (c != '$') {
                throw new BadFormat("expected '$' at the start of an argument");
            }
            long len = number();
            if (len < 0 || len > Integer.MAX_VALUE - 8) {
                throw new BadFormat("bad bulk length");
            }
            byte[] arg = new byte[(int) len];
            int got = in.readNBytes(arg, 0, arg.length);
            offset += got;
            if (got < arg.length) {
                throw new Truncated();
            }
            expect('\r');
            expect('\n');
            argv[i] = arg;
        }
        validUpTo = offset;
        return argv;
    }

    private int read() throws IOException {
        int c = in.read();
        if (c != -1) {
            offset++;
        }
        return c;
    }

    private void expect(int want) throws IOException, Truncated, BadFormat {
        int c = read();
        if (c == -1) {
            throw new Truncated();
        }
        if (c != want) {
            throw new BadFormat("missing CRLF after an argument");
        }
    }

    /** A decimal number ending the line (after * or $). */
    private long number() throws IOException, Truncated, BadFormat {
        long n = 0;
        int digits = 0;
        boolean negative = false;
        while (true) {
            int c = read();
            if (c == -1) {
                throw new Truncated();
            }
            if (c == '\r') {
                expect('\n');
                break;
            }
            if (c == '-' && digits == 0 && !negative) {
                negative = true;
            } else if (c >= '0' && c <= '9' && digits < 18) {
                n = n * 10 + (c - '0');
                digits++;
            } else {
                throw new BadFormat("bad number");
            }
        }
        if (digits == 0) {
            throw new BadFormat("bad number");
        }
        return negative ? -n : n;
    }

    private void skipLine() throws IOException {
        int c;
        while ((c = read()) != -1 && c != '\n') {
            // skip
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
