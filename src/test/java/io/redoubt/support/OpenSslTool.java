package io.redoubt.support;

import java.util.ArrayList;
import java.util.List;

/** The openssl command-line client, for handshakes with exact protocol and cipher choices. */
public final class OpenSslTool {
    private OpenSslTool() {
    }

    /** Runs {@code openssl s_client} against the port, sending PING, and returns everything it printed. */
    public static String sClient(int port, TestCerts certs, boolean presentCert, String... options) {
        return sClient("127.0.0.1", port, certs, presentCert, "PING\r\nQUIT\r\n", options);
    }

    /**
     * Runs {@code openssl s_client} against host:port, sending the input as soon as it may, and returns
     * everything it printed once the server has closed the connection.
     */
    public static String sClient(String host, int port, TestCerts certs, boolean presentCert, String input,
            String... options) {
        List<String> args = new ArrayList<>(List.of("s_client", "-connect", host + ":" + port, "-CAfile",
            certs.caCert.toString(), "-verify_return_error", "-ign_eof"));
        if (presentCert) {
            args.addAll(List.of("-cert", certs.clientCert.toString(), "-key", certs.clientKey.toString()));
        }
        args.addAll(List.of(options));
        RedisTools.Result r = RedisTools.run(input, 30, "openssl", args.toArray(String[]::new));
        return r.stdout() + "\n" + r.stderr();
    }

    /**
     * Opens a TLS 1.3 connection and sends nothing: true when the server's session tickets arrive anyway
     * (s_client prints each one), false when none came within the wait. The connection is then dropped.
     */
    public static boolean ticketsArriveUnasked(int port, TestCerts certs, java.time.Duration wait) throws Exception {
        Process p = new ProcessBuilder(RedisTools.require("openssl"), "s_client", "-connect", "127.0.0.1:" + port,
            "-CAfile", certs.caCert.toString(), "-cert", certs.clientCert.toString(), "-key",
            certs.clientKey.toString(), "-tls1_3", "-verify_return_error").redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
            java.nio.charset.StandardCharsets.UTF_8))) {
            java.util.concurrent.CompletableFuture<Boolean> seen = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> out.lines().anyMatch(l -> l.contains("New Session Ticket arrived")));
            try {
                return seen.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } finally {
                p.destroyForcibly().waitFor();
            }
        }
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
