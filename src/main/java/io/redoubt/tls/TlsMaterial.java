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
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The certificates and keys of one TLS configuration, loaded from the files and checked as a whole before
 * anything uses them: each key matches its certificate, certificates are within their validity dates,
 * a CA is present when Redis would require one.
 */
public record TlsMaterial(
    List<X509Certificate> serverChain, PrivateKey serverKey,
    List<X509Certificate> clientChain, PrivateKey clientKey,
    List<X509Certificate> caCertificates, BigInteger[] dhParameters) {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    public static TlsMaterial load(TlsSettings s) {
        if (s.certFile().isEmpty()) {
            throw new TlsException("No tls-cert-file configured!");
        }
        if (s.keyFile().isEmpty()) {
            throw new TlsException("No tls-key-file configured!");
        }
        List<X509Certificate> serverChain = PemFiles.certificates(Path.of(s.certFile()));
        PrivateKey serverKey = PemFiles.privateKey(Path.of(s.keyFile()), s.keyPass(), "tls-key-file-pass");
        checkPair(serverChain.get(0), serverKey, s.certFile(), s.keyFile());
        checkDates(serverChain.get(0), s.certFile(), "server certificate");

        List<X509Certificate> clientChain = serverChain;
        PrivateKey clientKey = serverKey;
        if (s.hasClientPair()) {
            clientChain = PemFiles.certificates(Path.of(s.clientCertFile()));
            clientKey = PemFiles.privateKey(Path.of(s.clientKeyFile()), s.clientKeyPass(), "tls-client-key-file-pass");
            checkPair(clientChain.get(0), clientKey, s.clientCertFile(), s.clientKeyFile());
            checkDates(clientChain.get(0), s.clientCertFile(), "client certificate");
        }

        List<X509Certificate> ca = new ArrayList<>();
        if (!s.caCertFile().isEmpty()) {
            ca.addAll(PemFiles.certificates(Path.of(s.caCertFile())));
        }
        if (!s.caCertDir().isEmpty()) {
            for (X509Certificate c : PemFiles.certificatesInDirectory(Path.of(s.caCertDir()))) {
                if (!ca.contains(c)) {
                    ca.add(c);
                }
            }
        }
        if (ca.isEmpty() && s.needsCa()) {
            throw new TlsException("Either tls-ca-cert-file or tls-ca-cert-dir must be specified when tls-cluster, "
                + "tls-replication or tls-auth-clients are enabled!");
        }
        for (X509Certificate c : ca) {
            checkDates(c, s.caCertFile().isEmpty() ? s.caCertDir() : s.caCertFile(), "CA certificate");
        }
        BigInteger[] dh = s.dhParamsFile().isEmpty() ? null : PemFiles.dhParameters(Path.of(s.dhParamsFile()));
        return new TlsMaterial(List.copyOf(serverChain), serverKey, List.copyOf(clientChain), clientKey,
            List.copyOf(ca), dh);
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

    static void checkDates(X509Certificate cert, String file, String what) {
        try {
            cert.checkValidity(new Date());
        } catch (CertificateExpiredException e) {
            throw new TlsException(file + ": " + what + " " + cert.getSubjectX500Principal().getName()
                + " expired on " + cert.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new TlsException(file + ": " + what + " " + cert.getSubjectX500Principal().getName()
                + " is not valid before " + cert.getNotBefore().toInstant());
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
