package io.redoubt.persistence;

import io.redoubt.util.Bytes;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The primitives of the RDB format, written to a stream while a CRC-64 of everything written is kept:
 * lengths (6-bit, 14-bit, 32-bit, 64-bit forms), strings as Redis's rdbSaveRawString writes them (small
 * canonical integers in 1, 2 or 4 bytes, LZF when {@code rdbcompression} is on and it saves at least four
 * bytes, else length and bytes), and little-endian numbers.
 */
public final class RdbOutput {
    private final OutputStream out;
    private final boolean compress;
    private final byte[] scratch = new byte[9];
    private long crc;
    private long written;

    public RdbOutput(OutputStream out, boolean compress) {
        this.out = out;
        this.compress = compress;
    }

    public long crc() {
        return crc;
    }

    public long written() {
        return written;
    }

    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        crc = Crc64.update(crc, b, off, len);
        written += len;
    }

    public void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    public void writeByte(int b) throws IOException {
        scratch[0] = (byte) b;
        write(scratch, 0, 1);
    }

    /** Writes the bytes of a little-endian number of {@code n} bytes. */
    public void writeLittleEndian(long v, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            scratch[i] = (byte) (v >>> (8 * i));
        }
        write(scratch, 0, n);
    }

    /** A length in Redis's variable form (rdbSaveLen). */
    public void writeLength(long len) throws IOException {
        if (len < (1 << 6)) {
            writeByte((int) len);
        } else if (len < (1 << 14)) {
            scratch[0] = (byte) (0x40 | (len >>> 8));
            scratch[1] = (byte) len;
            write(scratch, 0, 2);
        } else if (len <= 0xffffffffL) {
            scratch[0] = (byte) RdbFormat.LEN_32BIT;
            for (int i = 0; i < 4; i++) {
                scratch[1 + i] = (byte) (len >>> (24 - 8 * i));
            }
            write(scratch, 0, 5);
        } else {
            scratch[0] = (byte) RdbFormat.LEN_64BIT;
            for (int i = 0; i < 8; i++) {
                scratch[1 + i] = (byte) (len >>> (56 - 8 * i));
            }
            write(scratch, 0, 9);
        }
    }

    public void writeString(byte[] s) throws IOException {
        writeString(s, 0, s.length);
    }

    /** A string as rdbSaveRawString writes it. */
    public void writeString(byte[] s, int off, int len) throws IOException {
        if (len <= 11 && writeIntEncoded(s, off, len)) {
            return;
        }
        if (compress && len > 20 && writeCompressed(s, off, len)) {
            return;
        }
        writeLength(len);
        write(s, off, len);
    }

    /** A canonical integer that fits in 32 bits, in Redis's 1, 2 or 4 byte encodings. */
    private boolean writeIntEncoded(byte[] s, int off, int len) throws IOException {
        long[] v = new long[1];
        if (!Bytes.parseLong(s, off, off + len, v)) {
            return false;
        }
        long n = v[0];
        if (n >= Byte.MIN_VALUE && n <= Byte.MAX_VALUE) {
            writeByte(RdbFormat.ENC_INT8);
            writeLittleEndian(n, 1);
        } else if (n >= Short.MIN_VALUE && n <= Short.MAX_VALUE) {
            writeByte(RdbFormat.ENC_INT16);
            writeLittleEndian(n, 2);
        } else if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
            writeByte(RdbFormat.ENC_INT32);
            writeLittleEndian(n, 4);
        } else {
            return false;
        }
        return true;
    }

    private boolean writeCompressed(byte[] s, int off, int len) throws IOException {
        byte[] in = off == 0 && len == s.length ? s : java.util.Arrays.copyOfRange(s, off, off + len);
        byte[] packed = Lzf.compress(in, len - 4);
        if (packed == null) {
            return false;
        }
        writeByte(RdbFormat.ENC_LZF);
        writeLength(packed.length);
        writeLength(len);
        write(packed);
        return true;
    }

    /** A double as the 8 little-endian bytes of its IEEE 754 form (ZSET_2). */
    public void writeBinaryDouble(double d) throws IOException {
        writeLittleEndian(Double.doubleToRawLongBits(d), 8);
    }
}
