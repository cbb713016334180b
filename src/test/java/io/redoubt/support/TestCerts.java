package io.redoubt.support;

import io.redoubt.tls.CertificateGenerator;
import io.redoubt.tls.CertificateGenerator.Issued;
import io.redoubt.tls.CertificateGenerator.KeyFormat;
import io.redoubt.tls.CertificateGenerator.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Certificates for TLS tests: one CA and its server, client and generic certificates made once per test
 * JVM (like Redis's gen-test-certs.sh, with 2048-bit keys to stay quick), plus helpers for variants.
 */
public final class TestCerts {
    private static TestCerts shared;

    public final Path dir;
    public final Issued ca;
    public final Path caCert;
    public final Path serverCert;
    public final Path serverKey;
    public final Path clientCert;
    public final Path clientKey;

    private TestCerts(Path dir) {
        this.dir = dir;
        Instant now = Instant.now().minus(Duration.ofMinutes(5));
        ca = CertificateGenerator.ca("O=Redoubt Test,CN=Test CA", CertificateGenerator.rsa(2048), now,
            now.plus(Duration.ofDays(30)));
        caCert = dir.resolve("ca.crt");
        CertificateGenerator.writeCertificates(caCert, ca.certificate());
        serverCert = dir.resolve("server.crt");
        serverKey = dir.resolve("server.key");
        writeLeaf("Server", Usage.SERVER, serverCert, serverKey, KeyFormat.PKCS1, null);
        clientCert = dir.resolve("client.crt");
        clientKey = dir.resolve("client.key");
        writeLeaf("Client", Usage.CLIENT, clientCert, clientKey, KeyFormat.PKCS8, null);
    }

    public static synchronized TestCerts shared() {
        if (shared == null) {
            shared = new TestCerts(tempDir("redoubt-certs"));
        }
        return shared;
    }

    /** A fresh CA and set, for tests that must not share trust with the others. */
    public static TestCerts fresh() {
        return new TestCerts(tempDir("redoubt-certs-fresh"));
    }

    public static Path tempDir(String prefix) {
        try {
            Path d = Files.createTempDirectory(prefix);
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Issues a certificate from this CA valid now, writing certificate and key. */
    public Issued writeLeaf(String cn, Usage usage, Path cert, Path key, KeyFormat format, String password) {
        Instant now = Instant.now().minus(Duration.ofMinutes(5));
        return writeLeaf(cn, usage, cert, key, format, password, now, now.plus(Duration.ofDays(30)));
    }

    public Issued writeLeaf(String cn, Usage usage, Path cert, Path key, KeyFormat format, String password,
                            Instant notBefore, Instant notAfter) {
        Issued leaf = CertificateGenerator.leaf(ca, "O=Redoubt Test,CN=" + cn,
            format == KeyFormat.SEC1 ? CertificateGenerator.ec() : CertificateGenerator.rsa(2048), usage,
            notBefore, notAfter);
        CertificateGenerator.writeCertificates(cert, leaf.certificate());
        CertificateGenerator.writeKey(key, leaf.key(), format, password);
        return leaf;
    }

    /** Files of a root, an intermediate it signed and a leaf the intermediate signed. */
    public record Chain(Issued root, Issued intermediate, Issued leaf, Path rootCert, Path intermediateAndRoot,
                        Path leafCert, Path leafKey) {
    }

    /**
     * A fresh root CA, an intermediate and a leaf usable by servers and clients, in {@code dir}: root.crt,
     * ca-bundle.crt (intermediate then root, as a tls-ca-cert-file), leaf.crt (the leaf alone) and leaf.key.
     */
    public static Chain chain(Path dir, Instant intermediateNotBefore, Instant intermediateNotAfter) {
        Instant now = Instant.now().minus(Duration.ofMinutes(5));
        Issued root = CertificateGenerator.ca("O=Redoubt Test,CN=Chain Root", CertificateGenerator.rsa(2048), now,
            now.plus(Duration.ofDays(30)));
        Issued intermediate = CertificateGenerator.intermediate(root, "O=Redoubt Test,CN=Chain Intermediate",
            CertificateGenerator.rsa(2048), intermediateNotBefore, intermediateNotAfter);
        Issued leaf = CertificateGenerator.leaf(intermediate, "O=Redoubt Test,CN=Chain Leaf",
            CertificateGenerator.rsa(2048), Usage.ANY, now, now.plus(Duration.ofDays(30)));
        Chain c = new Chain(root, intermediate, leaf, dir.resolve("root.crt"), dir.resolve("ca-bundle.crt"),
            dir.resolve("leaf.crt"), dir.resolve("leaf.key"));
        CertificateGenerator.writeCertificates(c.rootCert(), root.certificate());
        CertificateGenerator.writeCertificates(c.intermediateAndRoot(), intermediate.certificate(), root.certificate());
        CertificateGenerator.writeCertificates(c.leafCert(), leaf.certificate());
        CertificateGenerator.writeKey(c.leafKey(), leaf.key(), KeyFormat.PKCS8, null);
        return c;
    }

    /** {@link #chain(Path, Instant, Instant)} with an intermediate valid now. */
    public static Chain chain(Path dir) {
        Instant now = Instant.now().minus(Duration.ofMinutes(5));
        return chain(dir, now, now.plus(Duration.ofDays(30)));
    }

    /** Server directives for a TLS-only (or both) server using this set. */
    public String[] serverDirectives(int tlsPort, String... more) {
        String[] base = {"tls-port=" + tlsPort, "tls-cert-file=" + serverCert, "tls-key-file=" + serverKey,
            "tls-ca-cert-file=" + caCert};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
