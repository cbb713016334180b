package io.redoubt.tls;

import io.redoubt.config.DirectiveRegistry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A consistent snapshot of the tls-* directives, taken at the moment material is (re)loaded. */
public record TlsSettings(
    int port, String certFile, String keyFile, String keyPass,
    String clientCertFile, String clientKeyFile, String clientKeyPass,
    String dhParamsFile, String caCertFile, String caCertDir, ClientAuth authClients,
    String protocols, String ciphers, String ciphersuites, boolean preferServerCiphers,
    boolean sessionCaching, int sessionCacheSize, int sessionCacheTimeout,
    boolean replication, boolean cluster) {

    public static TlsSettings from(DirectiveRegistry d) {
        return new TlsSettings(
            d.get("tls-port").asInt(), d.get("tls-cert-file").value(), d.get("tls-key-file").value(),
            d.get("tls-key-file-pass").value(), d.get("tls-client-cert-file").value(),
            d.get("tls-client-key-file").value(), d.get("tls-client-key-file-pass").value(),
            d.get("tls-dh-params-file").value(), d.get("tls-ca-cert-file").value(), d.get("tls-ca-cert-dir").value(),
            ClientAuth.of(d.get("tls-auth-clients").value()), d.get("tls-protocols").value(),
            d.get("tls-ciphers").value(), d.get("tls-ciphersuites").value(),
            d.get("tls-prefer-server-ciphers").asBool(), d.get("tls-session-caching").asBool(),
            d.get("tls-session-cache-size").asInt(), d.get("tls-session-cache-timeout").asInt(),
            d.get("tls-replication").asBool(), d.get("tls-cluster").asBool());
    }

    /**
     * The directives whose change at runtime reloads the files and rebuilds the contexts, as Redis's
     * applyTlsCfg does. Not tls-port (a rebind) nor tls-auth-clients (read per connection, no file read).
     */
    public static final String[] RELOADING_DIRECTIVES = {"tls-cert-file", "tls-key-file", "tls-key-file-pass",
        "tls-client-cert-file", "tls-client-key-file", "tls-client-key-file-pass", "tls-dh-params-file",
        "tls-ca-cert-file", "tls-ca-cert-dir", "tls-protocols", "tls-ciphers",
        "tls-ciphersuites", "tls-prefer-server-ciphers", "tls-session-caching", "tls-session-cache-size",
        "tls-session-cache-timeout", "tls-replication", "tls-cluster"};

    /** TLS is in use when a TLS port listens or an outgoing link (replication, cluster bus) uses TLS. */
    public boolean inUse() {
        return port != 0 || replication || cluster;
    }

    /** Redis requires a CA exactly when clients are verified or outgoing links verify their peer. */
    public boolean needsCa() {
        return authClients != ClientAuth.NO || replication || cluster;
    }

    /** Outgoing links present the client pair when both files are set, else the server pair. */
    public boolean hasClientPair() {
        return !clientCertFile.isEmpty() && !clientKeyFile.isEmpty();
    }

    /** The protocol versions tls-protocols may name, as the engines spell them, oldest first. */
    private static final List<String> VERSIONS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    /** The same settings with another tls-auth-clients. */
    public TlsSettings withAuthClients(ClientAuth auth) {
        return new TlsSettings(port, certFile, keyFile, keyPass, clientCertFile, clientKeyFile, clientKeyPass,
            dhParamsFile, caCertFile, caCertDir, auth, protocols, ciphers, ciphersuites, preferServerCiphers,
            sessionCaching, sessionCacheSize, sessionCacheTimeout, replication, cluster);
    }

    /**
     * tls-protocols as the TLS engines spell them, checked as Redis checks it when it builds contexts (and only
     * then: any text is stored while TLS is off). Names are separated by single spaces, in any case; "" means
     * TLSv1.2 and TLSv1.3; anything else, an empty name between two spaces included, is refused.
     */
    public List<String> enabledProtocols() {
        if (protocols.isEmpty()) {
            return List.of("TLSv1.2", "TLSv1.3");
        }
        List<String> out = new ArrayList<>();
        for (String p : protocols.split(" ", -1)) {
            out.add(VERSIONS.stream().filter(p::equalsIgnoreCase).findFirst().orElseThrow(() -> new TlsException(
                "Invalid tls-protocols specified. Use a combination of 'TLSv1', 'TLSv1.1', 'TLSv1.2' and 'TLSv1.3'.")));
        }
        return List.copyOf(out);
    }

    /**
     * The versions tls-protocols leaves out between the lowest and the highest it enables, space separated
     * ("" when none): "TLSv1.1 TLSv1.3" leaves out TLSv1.2. OpenSSL in Redis disables each version left out;
     * BoringSSL enables every version from the lowest to the highest.
     */
    public String protocolsLeftOut() {
        List<String> enabled = enabledProtocols();
        int low = VERSIONS.size();
        int high = -1;
        for (String p : enabled) {
            low = Math.min(low, VERSIONS.indexOf(p));
            high = Math.max(high, VERSIONS.indexOf(p));
        }
        List<String> missing = new ArrayList<>();
        for (int i = low + 1; i < high; i++) {
            if (!enabled.contains(VERSIONS.get(i))) {
                missing.add(VERSIONS.get(i));
            }
        }
        return String.join(" ", missing);
    }

    /** Every file this configuration reads, for the file watcher and the status report. */
    public List<Path> files() {
        List<Path> out = new ArrayList<>();
        for (String f : List.of(certFile, keyFile, clientCertFile, clientKeyFile, dhParamsFile, caCertFile)) {
            if (!f.isEmpty()) {
                out.add(Path.of(f));
            }
        }
        return out;
    }

    /**
     * SHA-256 over the paths and bytes of every configured file (and of the CA directory's files), as they
     * are now: what the file watcher compares.
     */
    public String contentHash() {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files = new ArrayList<>(files());
        if (!caCertDir().isEmpty()) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(caCertDir()))) {
                List<Path> inDir = new ArrayList<>();
                entries.forEach(p -> {
                    if (!p.getFileName().toString().startsWith(".")) {
                        inDir.add(p);
                    }
                });
                inDir.sort(null);
                files.addAll(inDir);
            } catch (IOException e) {
                d.update(("unlistable " + caCertDir()).getBytes());
            }
        }
        for (Path f : files) {
            d.update(f.toString().getBytes());
            d.update((byte) 0);
            try {
                if (Files.isRegularFile(f)) {
                    d.update(Files.readAllBytes(f));
                }
            } catch (IOException e) {
                d.update(("unreadable " + e.getMessage()).getBytes());
            }
            d.update((byte) 0);
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
