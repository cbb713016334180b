package io.redoubt.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Sends commands over a raw socket and renders each reply with its RESP type visible, so tests can tell a
 * RESP2 null bulk ({@code $-1}) from a RESP3 null ({@code _}), a map from an array, an empty bulk from a
 * null. Forms: {@code +OK}, {@code -ERR ...}, {@code :5}, {@code "bulk"}, {@code $-1}, {@code *-1},
 * {@code _}, {@code [a, b]}, {@code {k: v}}, {@code ~[a]}, {@code ,1.5}, {@code #t}.
 */
public final class RespProbe implements AutoCloseable {
    private final RawConnection conn;

    private RespProbe(RawConnection conn) {
        this.conn = conn;
    }

    /** A connection speaking the given protocol version (2 or 3). */
    public static RespProbe open(int port, int protocol) throws IOException {
        RespProbe p = new RespProbe(new RawConnection(port));
        if (protocol == 3) {
            p.call("HELLO", "3");
        }
        return p;
    }

    public String call(String... args) throws IOException {
        byte[][] raw = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            raw[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return call(raw);
    }

    public String call(byte[]... args) throws IOException {
        send(args);
        return read();
    }

    /** Sends a command without reading a reply: for subscribers, whose replies and messages are read with {@link #next}. */
    public void send(String... args) throws IOException {
        byte[][] raw = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            raw[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        send(raw);
    }

    /** The next reply or push the server sends. */
    public String next() throws IOException {
        return read();
    }

    /** The underlying connection (timeouts, closed-by-server checks). */
    public RawConnection connection() {
        return conn;
    }

    private void send(byte[]... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        conn.send(out.toByteArray());
    }

    private String read() throws IOException {
        String line = conn.line();
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+', '-', ':', ',', '#' -> {
                return line;
            }
            case '_' -> {
                return "_";
            }
            case '$', '=' -> {
                int n = Integer.parseInt(rest);
                if (n < 0) {
                    return line;
                }
                String s = new String(conn.read(n), StandardCharsets.UTF_8);
                conn.read(2);
                return "\"" + s + "\"";
            }
            case '*', '~', '>' -> {
                int n = Integer.parseInt(rest);
                if (n < 0) {
                    return line;
                }
                StringBuilder sb = new StringBuilder(type == '*' ? "[" : type + "[");
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ", ").append(read());
                }
                return sb.append(']').toString();
            }
            case '%' -> {
                int n = Integer.parseInt(rest);
                StringBuilder sb = new StringBuilder("{");
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ", ").append(read()).append(": ").append(read());
                }
                return sb.append('}').toString();
            }
            default -> throw new IOException("unexpected reply: " + line);
        }
    }

    @Override
    public void close() throws IOException {
        conn.close();
    }
}
