package io.redoubt.persistence;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the primitives of the RDB format from a stream, counting the offset (for error messages) and
 * keeping the CRC-64 of everything read. The mirror of {@link RdbOutput}.
 */
public final class RdbInput {
    /** A sanity bound: no string in an RDB is longer than Redis's proto-max-bulk-len limit allows (512 MB). */
    private static final long MAX_STRING = 1L << 31;

    private final InputStream in;
    private long offset;
    private long crc;

    /**
     * Reads exactly the bytes of the RDB and nothing after them, so a stream that goes on (a replication link)
     * is left at the byte after the checksum. Give it a buffered stream.
     */
    public RdbInput(InputStream in) {
        this.in = in;
    }

    public long offset() {
        return offset;
    }

    /** The CRC-64 of every byte read so far. */
    public long crc() {
        return crc;
    }

    public RdbException error(String reason) {
        return new RdbException(offset, reason);
    }

    public int readByte() throws IOException, RdbException {
        int b = in.read();
        if (b < 0) {
            throw error("unexpected end of file");
        }
        crc = Crc64.update(crc, (byte) b);
        offset++;
        return b;
    }

    public void readFully(byte[] b, int off, int len) throws IOException, RdbException {
        int n = in.readNBytes(b, off, len);
        crc = Crc64.update(crc, b, off, n);
        offset += n;
        if (n < len) {
            throw error("unexpected end of file");
        }
    }

    public byte[] readBytes(long len) throws IOException, RdbException {
        if (len < 0 || len > MAX_STRING) {
            throw error("string length " + len + " out of range");
        }
        // grow as bytes arrive, so that a corrupt huge length fails at the end of the file, not in allocation
        byte[] b = new byte[(int) Math.min(len, 1 << 20)];
        int have = 0;
        while (have < len) {
            if (have == b.length) {
                b = java.util.Arrays.copyOf(b, (int) Math.min(len, (long) b.length * 2));
            }
            int n = b.length - have;
            readFully(b, have, n);
            have += n;
        }
        return b;
    }

    public long readLittleEndian(int n) throws IOException, RdbException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) readByte() << (8 * i);
        }
        return v;
    }

    /** A length; an encoded string marker here is an error. */
    public long readLength() throws IOException, RdbException {
        long[] len = new long[1];
        if (readLengthOrEncoding(len)) {
            throw error("unexpected string encoding " + len[0] + " where a length was expected");
        }
        return len[0];
    }

    /** Reads a length or a special string encoding; returns true (with the encoding in out[0]) for the latter. */
    private boolean readLengthOrEncoding(long[] out) throws IOException, RdbException {
        int b = readByte();
        switch (b >> 6) {
            case 0 -> out[0] = b & 0x3f;
            case 1 -> out[0] = ((b & 0x3f) << 8) | readByte();
            case 2 -> {
                int n;
                if (b == RdbFormat.LEN_32BIT) {
                    n = 4;
                } else if (b == RdbFormat.LEN_64BIT) {
                    n = 8;
                } else {
                    throw error("unknown length encoding " + b);
                }
                long v = 0;
                for (int i = 0; i < n; i++) {
                    v = (v << 8) | readByte();
                }
                out[0] = v;
            }
            default -> {
                out[0] = b & 0x3f;
                return true;
            }
        }
        return false;
    }

    /** A string in any of its encodings: plain, small integer, or LZF. */
    public byte[] readString() throws IOException, RdbException {
        long[] len = new long[1];
        if (!readLengthOrEncoding(len)) {
            return readBytes(len[0]);
        }
        return switch ((int) len[0]) {
            case 0 -> io.redoubt.util.Bytes.fromLong((byte) readByte());
            case 1 -> io.redoubt.util.Bytes.fromLong((short) readLittleEndian(2));
            case 2 -> io.redoubt.util.Bytes.fromLong((int) readLittleEndian(4));
            case 3 -> readCompressed();
            default -> throw error("unknown string encoding " + len[0]);
        };
    }

    private byte[] readCompressed() throws IOException, RdbException {
        long clen = readLength();
        long len = readLength();
        long at = offset;
        byte[] packed = readBytes(clen);
        if (len > MAX_STRING) {
            throw error("LZF string length " + len + " out of range");
        }
        try {
            return Lzf.decompress(packed, (int) len);
        } catch (IllegalArgumentException e) {
            throw new RdbException(at, "invalid LZF compressed string: " + e.getMessage());
        }
    }

    public double readBinaryDouble() throws IOException, RdbException {
        return Double.longBitsToDouble(readLittleEndian(8));
    }

    /** The old ZSET score: a length byte then ASCII, or 253/254/255 for nan/+inf/-inf. */
    public double readStringDouble() throws IOException, RdbException {
        int len = readByte();
        switch (len) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                byte[] b = new byte[len];
                readFully(b, 0, len);
                try {
                    return Double.parseDouble(new String(b, java.nio.charset.StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    throw error("bad double value");
                }
        }
    }
}
