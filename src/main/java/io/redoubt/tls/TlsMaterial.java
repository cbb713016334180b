package io.redoubt.tls;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The certificates and keys of one TLS configuration, loaded from the files and checked as a whole before
 * anything uses them: each key matches its certificate, the server and client certificates are within their
 * validity dates, a CA is present when Redis would require one. The server and client chains are those of
 * the files completed from the CA certificates ({@link ChainCompletion}): what is sent to the peer.
 * Warnings (CA certificates out of their dates, an empty CA directory) are accepted as Redis accepts them
 * and kept in {@link #warnings()} for the reload to log.
 */
public record TlsMaterial(
    List<X509Certificate> serverChain, PrivateKey serverKey,
    List<X509Certificate> clientChain, PrivateKey clientKey,
    List<X509Certificate> caCertificates, BigInteger[] dhParameters, List<String> warnings) {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /**
     * Reads and checks every file. A failure names the directive and the file, e.g.
     * {@code tls-ca-cert-file /x/ca.crt: not a readable PEM certificate file (no such file)}.
     */
    public static TlsMaterial load(TlsSettings s) {
        if (s.certFile().isEmpty()) {
            throw new TlsException("No tls-cert-file configured!");
        }
        if (s.keyFile().isEmpty()) {
            throw new TlsException("No tls-key-file configured!");
        }
        List<String> warnings = new ArrayList<>();
        Identity server = Identity.load("tls", s.certFile(), s.keyFile(), s.keyPass(), "server");
        Identity client = s.hasClientPair()
            ? Identity.load("tls-client", s.clientCertFile(), s.clientKeyFile(), s.clientKeyPass(), "client")
            : server;

        List<PemFiles.Found> found = caCertificates(s, warnings);
        List<X509Certificate> ca = new ArrayList<>();
        for (PemFiles.Found f : found) {
            ca.add(f.certificate());
            datesWarning(f).ifPresent(warnings::add);
        }
        BigInteger[] dh = s.dhParamsFile().isEmpty() ? null
            : read("tls-dh-params-file", () -> PemFiles.dhParameters(Path.of(s.dhParamsFile())));
        return new TlsMaterial(sent(server.chain(), ca), server.key(), sent(client.chain(), ca), client.key(),
            List.copyOf(ca), dh, List.copyOf(warnings));
    }

    /**
     * The chain to send, by OpenSSL's rule: a file holding the leaf alone is completed from the CA certificates
     * (its automatic chain building); a file holding more is sent as written.
     */
    private static List<X509Certificate> sent(List<X509Certificate> chain, List<X509Certificate> ca) {
        return List.copyOf(chain.size() == 1 ? ChainCompletion.complete(chain, ca) : chain);
    }

    /**
     * The CA certificates of tls-ca-cert-file and tls-ca-cert-dir, each once, with the file it came from. A
     * directory without certificates is accepted with a warning, as Redis (OpenSSL) accepts it, unless it is
     * the only CA source and a CA is needed.
     */
    private static List<PemFiles.Found> caCertificates(TlsSettings s, List<String> warnings) {
        List<PemFiles.Found> ca = new ArrayList<>();
        if (!s.caCertFile().isEmpty()) {
            Path file = Path.of(s.caCertFile());
            for (X509Certificate c : read("tls-ca-cert-file", () -> PemFiles.certificates(file))) {
                ca.add(new PemFiles.Found(c, file));
            }
        }
        if (!s.caCertDir().isEmpty()) {
            List<PemFiles.Found> inDir = read("tls-ca-cert-dir",
                () -> PemFiles.certificatesInDirectory(Path.of(s.caCertDir())));
            if (inDir.isEmpty()) {
                String empty = "tls-ca-cert-dir " + s.caCertDir() + ": no CA certificate found in the directory";
                if (ca.isEmpty() && s.needsCa()) {
                    throw new TlsException(empty);
                }
                warnings.add(empty + (ca.isEmpty() ? "" : " (the certificates of tls-ca-cert-file are used)"));
            }
            inDir.forEach(f -> PemFiles.Found.addOnce(ca, f));
        }
        if (ca.isEmpty() && s.needsCa() && s.caCertDir().isEmpty()) {
            throw new TlsException("Either tls-ca-cert-file or tls-ca-cert-dir must be specified when tls-cluster, "
                + "tls-replication or tls-auth-clients are enabled!");
        }
        return ca;
    }

    /** A certificate chain and its key, as one side (server, or client of outgoing links) presents them. */
    private record Identity(List<X509Certificate> chain, PrivateKey key) {
        /**
         * Reads {@code <prefix>-cert-file} and {@code <prefix>-key-file} (decrypted with the value of
         * {@code <prefix>-key-file-pass}) and checks that the key matches and the certificate is within its dates.
         */
        static Identity load(String prefix, String certFile, String keyFile, String keyPass, String side) {
            List<X509Certificate> chain = read(prefix + "-cert-file", () -> PemFiles.certificates(Path.of(certFile)));
            PrivateKey key = read(prefix + "-key-file",
                () -> PemFiles.privateKey(Path.of(keyFile), keyPass, prefix + "-key-file-pass"));
            check(prefix + "-key-file", () -> checkPair(chain.get(0), key, certFile, keyFile));
            check(prefix + "-cert-file", () -> checkDates(chain.get(0), certFile, side + " certificate"));
            return new Identity(chain, key);
        }
    }

    /** Runs one read or check of a directive's file, prefixing its failure with the directive's name. */
    private static <T> T read(String directive, Supplier<T> reading) {
        try {
            return reading.get();
        } catch (TlsException e) {
            throw new TlsException(directive + " " + e.getMessage(), e);
        }
    }

    private static void check(String directive, Runnable check) {
        read(directive, () -> {
            check.run();
            return null;
        });
    }

    /** Proves the key belongs to the certificate by signing with one and verifying with the other. */
    static void checkPair(X509Certificate cert, PrivateKey key, String certFile, String keyFile) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            case "RSASSA-PSS" -> "SHA256withRSAandMGF1";
            default -> throw new TlsException(keyFile + ": unsupported key algorithm " + key.getAlgorithm());
        };
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(alg, BC);
            signer.initSign(key);
            signer.update(probe);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(alg, BC);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(sig)) {
                return;
            }
        } catch (Exception e) {
            throw new TlsException(keyFile + ": private key does not match the certificate in " + certFile
                + " (" + PemFiles.reason(e) + ")", e);
        }
        throw new TlsException(keyFile + ": private key does not match the certificate in " + certFile);
    }

    /** Refuses a server or client certificate outside its validity dates (deliberately stricter than Redis). */
    static void checkDates(X509Certificate cert, String file, String what) {
        String outOfDates = outOfDates(cert);
        if (outOfDates != null) {
            throw new TlsException(file + ": " + what + " " + outOfDates);
        }
    }

    /**
     * A warning for a CA certificate outside its validity dates, naming its file: Redis (OpenSSL) loads it,
     * and so does Redoubt; chains through it fail verification.
     */
    static Optional<String> datesWarning(PemFiles.Found ca) {
        String outOfDates = outOfDates(ca.certificate());
        return outOfDates == null ? Optional.empty() : Optional.of(ca.file() + ": CA certificate " + outOfDates
            + "; loaded anyway, but no chain through it verifies");
    }

    /** "SUBJECT expired on DATE" or "SUBJECT is not valid before DATE", or null when valid now. */
    private static String outOfDates(X509Certificate cert) {
        try {
            cert.checkValidity(new Date());
            return null;
        } catch (CertificateExpiredException e) {
            return cert.getSubjectX500Principal().getName() + " expired on " + cert.getNotAfter().toInstant();
        } catch (CertificateNotYetValidException e) {
            return cert.getSubjectX500Principal().getName() + " is not valid before " + cert.getNotBefore().toInstant();
        }
    }

    /** The CA certificate that expires first, or null. */
    public X509Certificate earliestExpiringCa() {
        X509Certificate first = null;
        for (X509Certificate c : caCertificates) {
            if (first == null || c.getNotAfter().before(first.getNotAfter())) {
                first = c;
            }
        }
        return first;
    }
}
