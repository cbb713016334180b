package io.redoubt.command.generic;

import io.redoubt.support.RawConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Encodes commands and reads one whole reply as its exact text, for checks of reply types. */
final class Resp {
    private Resp() {
    }

    static byte[] encode(String... words) {
        StringBuilder sb = new StringBuilder("*").append(words.length).append("\r\n");
        for (String w : words) {
            sb.append('$').append(w.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(w).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends a command and returns its reply. */
    static String call(RawConnection raw, String... command) throws IOException {
        raw.send(encode(command));
        return read(raw);
    }

    static String read(RawConnection raw) throws IOException {
        String line = raw.line();
        StringBuilder out = new StringBuilder(line).append("\r\n");
        char type = line.charAt(0);
        switch (type) {
            case '$', '=', '!' -> {
                int len = Integer.parseInt(line.substring(1));
                if (len >= 0) {
                    out.append(new String(raw.read(len + 2), StandardCharsets.UTF_8));
                }
            }
            case '*', '~', '>', '%' -> {
                int n = Integer.parseInt(line.substring(1)) * (type == '%' ? 2 : 1);
                for (int i = 0; i < n; i++) {
                    out.append(read(raw));
                }
            }
            default -> { }
        }
        return out.toString();
    }
}
