package io.redoubt.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plain socket to a server, for protocol tests that must send exact bytes and read exact replies. */
public final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** An error reply ({@code -ERR ...}), kept apart from simple strings. */
    public record Error(String message) {
    }

    public RawConnection(int port) throws IOException {
        this("127.0.0.1", port);
    }

    /** To another address of this machine, for rules that depend on where a client comes from. */
    public RawConnection(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A command in RESP multibulk form. */
    public static byte[] command(String... args) {
        byte[][] raw = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            raw[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return command(raw);
    }

    /** A command of binary arguments in RESP multibulk form. */
    public static byte[] command(byte[]... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] bytes : args) {
            b.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(bytes);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    public RawConnection send(String s) throws IOException {
        return send(s.getBytes(StandardCharsets.UTF_8));
    }

    public RawConnection send(byte[] b) throws IOException {
        out.write(b);
        out.flush();
        return this;
    }

    /** Sends a command and reads its reply (see {@link #reply}). */
    public Object call(String... args) throws IOException {
        send(command(args));
        return reply();
    }

    /** CONFIG GET with the given patterns, as a map of name to value (RESP2 or RESP3). */
    public Map<String, String> configGet(String... patterns) throws IOException {
        String[] args = new String[patterns.length + 2];
        args[0] = "CONFIG";
        args[1] = "GET";
        System.arraycopy(patterns, 0, args, 2, patterns.length);
        Object reply = call(args);
        Map<String, String> out = new LinkedHashMap<>();
        if (reply instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put((String) k, (String) v));
        } else if (reply instanceof List<?> l) {
            for (int i = 0; i + 1 < l.size(); i += 2) {
                out.put((String) l.get(i), (String) l.get(i + 1));
            }
        } else {
            throw new IOException("CONFIG GET failed: " + reply);
        }
        return out;
    }

    /**
     * Reads one reply: simple and bulk strings as String, errors as {@link Error}, integers as Long, nulls as
     * null, arrays (and RESP3 sets and pushes) as List, RESP3 maps as Map, booleans as Boolean, doubles and
     * big numbers as their text.
     */
    public Object reply() throws IOException {
        String line = line();
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+', ',', '(' -> {
                return rest;
            }
            case '-' -> {
                return new Error(rest);
            }
            case ':' -> {
                return Long.parseLong(rest);
            }
            case '_' -> {
                return null;
            }
            case '#' -> {
                return rest.equals("t");
            }
            case '$', '=' -> {
                int n = Integer.parseInt(rest);
                if (n < 0) {
                    return null;
                }
                byte[] b = read(n + 2);
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            case '*', '~', '>' -> {
                int n = Integer.parseInt(rest);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(reply());
                }
                return items;
            }
            case '%' -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                int n = Integer.parseInt(rest);
                for (int i = 0; i < n; i++) {
                    map.put(reply(), reply());
                }
                return map;
            }
            default -> throw new IOException("not a RESP reply: " + line);
        }
    }

    /** Reads one CRLF-terminated line (without the CRLF). */
    public String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after: " + b.toString(StandardCharsets.UTF_8));
            }
            if (prev == '\r' && c == '\n') {
                byte[] all = b.toByteArray();
                return new String(all, 0, all.length - 1, StandardCharsets.UTF_8);
            }
            b.write(c);
            prev = c;
        }
    }

    /** Reads exactly n bytes. */
    public byte[] read(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new IOException("connection closed after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /**
     * Reads everything the server sends until it closes the connection (a reset counts as closed). Fails when
     * the connection is still open after the socket timeout.
     */
    public String readUntilClosed() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                b.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("connection still open; received so far: " + b.toString(StandardCharsets.UTF_8), e);
        } catch (IOException e) {
            // reset by the server: it closed with our data unread
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** True when the server has closed the connection (reads end of stream within the timeout). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** True when the server ended the connection with a reset (RST) rather than a normal close. */
    public boolean resetByServer() throws IOException {
        try {
            in.read();
            return false;
        } catch (java.net.SocketException e) {
            return String.valueOf(e.getMessage()).contains("reset");
        }
    }

    /** Sets how long reads wait before giving up. */
    public RawConnection timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
