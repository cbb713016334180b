package io.redoubt.support;

import java.util.ArrayList;
import java.util.List;

/** The openssl command-line client, for handshakes with exact protocol and cipher choices. */
public final class OpenSslTool {
    private OpenSslTool() {
    }

    /** Runs {@code openssl s_client} against the port, sending PING, and returns everything it printed. */
    public static String sClient(int port, TestCerts certs, boolean presentCert, String... options) {
        List<String> args = new ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + port, "-CAfile",
            certs.caCert.toString(), "-verify_return_error", "-ign_eof"));
        if (presentCert) {
            args.addAll(List.of("-cert", certs.clientCert.toString(), "-key", certs.clientKey.toString()));
        }
        args.addAll(List.of(options));
        RedisTools.Result r = RedisTools.run("PING\r\nQUIT\r\n", 30, "openssl", args.toArray(String[]::new));
        return r.stdout() + "\n" + r.stderr();
    }

    /** True when the output shows a completed handshake and the server's PONG. */
    public static boolean ponged(String output) {
        return output.contains("+PONG");
    }

    /** The cipher the session used, from s_client's "Cipher is X" line, or null. */
    public static String cipher(String output) {
        for (String line : output.split("\n")) {
            int i = line.indexOf("Cipher is ");
            if (i >= 0) {
                return line.substring(i + "Cipher is ".length()).trim();
            }
        }
        return null;
    }
}
