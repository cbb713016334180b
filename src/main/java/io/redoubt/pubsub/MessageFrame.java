package io.redoubt.pubsub;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One published message encoded once per protocol and shared by every subscriber speaking it: a RESP2 array
 * or a RESP3 push of "message" (or "smessage"), channel, payload; or "pmessage", pattern, channel, payload.
 */
final class MessageFrame {
    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SMESSAGE = "smessage".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PMESSAGE = "pmessage".getBytes(StandardCharsets.US_ASCII);

    private final byte[][] parts;
    private byte[] resp2;
    private byte[] resp3;

    private MessageFrame(byte[]... parts) {
        this.parts = parts;
    }

    static MessageFrame message(byte[] channel, byte[] payload, boolean shard) {
        return new MessageFrame(shard ? SMESSAGE : MESSAGE, channel, payload);
    }

    static MessageFrame patternMessage(byte[] pattern, byte[] channel, byte[] payload) {
        return new MessageFrame(PMESSAGE, pattern, channel, payload);
    }

    byte[] forProtocol(int resp) {
        if (resp == 3) {
            return resp3 == null ? resp3 = encode('>') : resp3;
        }
        return resp2 == null ? resp2 = encode('*') : resp2;
    }

    private byte[] encode(char type) {
        int size = 16;
        for (byte[] p : parts) {
            size += p.length + 16;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        header(out, type, parts.length);
        for (byte[] p : parts) {
            header(out, '$', p.length);
            out.writeBytes(p);
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, char type, int n) {
        out.write(type);
        out.writeBytes(Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
    }
}
