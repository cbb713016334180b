package io.redoubt.persistence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The DUMP / RESTORE serialisation of one value: its RDB type byte and body, then the RDB version (2 bytes
 * LE) and the CRC-64 of everything before (8 bytes LE). Written as version 10, so that Redis 7.0 and 7.2
 * both RESTORE it; payloads of versions up to 11 are read.
 */
public final class DumpPayload {
    private static final int FOOTER = 10;

    /** Why a payload was refused: RESTORE answers differently for each. */
    public enum Refusal { VERSION_OR_CHECKSUM, BAD_DATA }

    /** A refused payload. */
    public static final class Refused extends Exception {
        private final Refusal refusal;

        Refused(Refusal refusal, String detail) {
            super(detail, null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private DumpPayload() {
    }

    /** DUMP's bytes for a value, compressed or not as {@code rdbcompression} says. */
    public static byte[] dump(Object value, boolean compress) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            RdbOutput out = new RdbOutput(bytes, compress);
            int type = ValueWriter.type(value, RdbOptions.DEFAULT_VERSION);
            out.writeByte(type);
            ValueWriter.writeBody(out, value, type);
            out.writeLittleEndian(RdbOptions.DEFAULT_VERSION, 2);
            out.writeLittleEndian(out.crc(), 8);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /**
     * The value a payload holds, checked as Redis's RESTORE checks it: footer version at most 11 and the
     * checksum right (when {@code verifyChecksum}), then a well-formed, non-empty value.
     */
    public static Object restore(byte[] payload, EncodingLimits limits, boolean verifyChecksum) throws Refused {
        if (payload.length < FOOTER) {
            throw new Refused(Refusal.VERSION_OR_CHECKSUM, "payload shorter than its footer");
        }
        int footer = payload.length - FOOTER;
        int version = (int) Listpack.readLe(payload, footer, 2);
        if (version > RdbOptions.NEWEST_VERSION) {
            throw new Refused(Refusal.VERSION_OR_CHECKSUM, "RDB version " + version);
        }
        if (verifyChecksum) {
            long stored = Listpack.readLe(payload, footer + 2, 8);
            if (stored != Crc64.of(payload, 0, payload.length - 8)) {
                throw new Refused(Refusal.VERSION_OR_CHECKSUM, "wrong checksum");
            }
        }
        RdbInput in = new RdbInput(new ByteArrayInputStream(payload, 0, footer));
        try {
            int type = in.readByte();
            Object value = ValueReader.read(in, type, limits);
            if (value == null) {
                throw new Refused(Refusal.BAD_DATA, "empty value");
            }
            return value;
        } catch (RdbException e) {
            throw new Refused(Refusal.BAD_DATA, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
