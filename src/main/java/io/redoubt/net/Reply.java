package io.redoubt.net;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes replies in the client's protocol. Types that RESP2 lacks (map, set, double, boolean, null, push,
 * verbatim) fall back to their RESP2 forms, as Redis does.
 */
public final class Reply {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO = ":0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ONE = ":1\r\n".getBytes(StandardCharsets.US_ASCII);

    private ByteBuf out;
    private int resp = 2;
    /** Room for the digits of any long (19), for {@link #writeLong}. */
    private final byte[] digits = new byte[19];

    public void target(ByteBuf out) {
        this.out = out;
    }

    public ByteBuf buffer() {
        return out;
    }

    public void protocol(int resp) {
        this.resp = resp;
    }

    public int protocol() {
        return resp;
    }

    public boolean resp3() {
        return resp == 3;
    }

    public void ok() {
        out.writeBytes(OK);
    }

    public void simple(String s) {
        out.writeByte('+');
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    /** An error reply; the text is written as given (it starts with its code, e.g. "ERR ..."). */
    public void error(String s) {
        out.writeByte('-');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.writeByte(c == '\r' || c == '\n' ? ' ' : c); // an error is one line, as in Redis
        }
        out.writeBytes(CRLF);
    }

    public void integer(long v) {
        if (v == 0) {
            out.writeBytes(ZERO);
        } else if (v == 1) {
            out.writeBytes(ONE);
        } else {
            out.writeByte(':');
            writeLong(v);
            out.writeBytes(CRLF);
        }
    }

    public void bulk(byte[] b) {
        if (b == null) {
            nullBulk();
            return;
        }
        bulk(b, 0, b.length);
    }

    public void bulk(byte[] b, int off, int len) {
        out.writeByte('$');
        writeLong(len);
        out.writeBytes(CRLF);
        out.writeBytes(b, off, len);
        out.writeBytes(CRLF);
    }

    public void bulk(String s) {
        if (s == null) {
            nullBulk();
            return;
        }
        bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    public void bulk(long v) {
        bulk(io.redoubt.util.Bytes.fromLong(v));
    }

    /** Null as a bulk string: {@code $-1} in RESP2, {@code _} in RESP3. */
    public void nullBulk() {
        out.writeBytes(resp == 3 ? NULL3 : NULL_BULK);
    }

    /** Null as an array: {@code *-1} in RESP2, {@code _} in RESP3. */
    public void nullArray() {
        out.writeBytes(resp == 3 ? NULL3 : NULL_ARRAY);
    }

    public void array(int n) {
        aggregate('*', n);
    }

    public void map(int pairs) {
        if (resp == 3) {
            aggregate('%', pairs);
        } else {
            aggregate('*', pairs * 2);
        }
    }

    public void set(int n) {
        aggregate(resp == 3 ? '~' : '*', n);
    }

    public void push(int n) {
        aggregate(resp == 3 ? '>' : '*', n);
    }

    public void bool(boolean b) {
        if (resp == 3) {
            out.writeByte('#').writeByte(b ? 't' : 'f').writeBytes(CRLF);
        } else {
            integer(b ? 1 : 0);
        }
    }

    /** A double already formatted the way Redis prints it; RESP2 gets it as a bulk string. */
    public void doubleText(byte[] text) {
        if (resp == 3) {
            out.writeByte(',');
            out.writeBytes(text);
            out.writeBytes(CRLF);
        } else {
            bulk(text);
        }
    }

    /** Text shown as-is by clients: RESP3 verbatim string of format "txt", a bulk string in RESP2. */
    public void verbatim(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (resp == 3) {
            out.writeByte('=');
            writeLong(b.length + 4);
            out.writeBytes(CRLF);
            out.writeBytes(new byte[] {'t', 'x', 't', ':'});
            out.writeBytes(b);
            out.writeBytes(CRLF);
        } else {
            bulk(b);
        }
    }

    public void stringArray(java.util.List<String> items) {
        array(items.size());
        for (String s : items) {
            bulk(s);
        }
    }

    private void aggregate(char type, int n) {
        out.writeByte(type);
        writeLong(n);
        out.writeBytes(CRLF);
    }

    private void writeLong(long v) {
        if (v >= 0 && v < 10) {
            out.writeByte('0' + (int) v);
            return;
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                out.writeCharSequence("-9223372036854775808", StandardCharsets.US_ASCII);
                return;
            }
            out.writeByte('-');
            v = -v;
        }
        int i = digits.length;
        do { // digits are formed right to left in a scratch array, then copied at once
            digits[--i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
        out.writeBytes(digits, i, digits.length - i);
    }
}
