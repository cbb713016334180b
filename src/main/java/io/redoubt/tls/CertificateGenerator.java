package io.redoubt.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Makes CAs, certificates and keys with BouncyCastle: the equivalent of Redis's gen-test-certs.sh for
 * development ({@code java -jar redoubt.jar gen-certs DIR}), and the variants tests need (expired, not yet
 * valid, encrypted keys in both PEM styles, EC keys, other CAs).
 */
public final class CertificateGenerator {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a leaf certificate may be used for: server, client, or both (Redis's "generic" certificate). */
    public enum Usage { SERVER, CLIENT, ANY }

    /** How a private key is written. */
    public enum KeyFormat { PKCS1, PKCS8, SEC1, ENCRYPTED_LEGACY, ENCRYPTED_PKCS8 }

    /** A certificate with its key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private CertificateGenerator() {
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA. */
    public static Issued ca(String subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        X500Name name = new X500Name(subject);
        return caSignedBy(name, keys.getPrivate(), null, subject, keys, notBefore, notAfter);
    }

    /** An intermediate CA signed by another CA (a root or an intermediate). */
    public static Issued intermediate(Issued parent, String subject, KeyPair keys, Instant notBefore,
                                      Instant notAfter) {
        return caSignedBy(X500Name.getInstance(parent.certificate().getSubjectX500Principal().getEncoded()),
            parent.key(), parent.certificate(), subject, keys, notBefore, notAfter);
    }

    private static Issued caSignedBy(X500Name issuer, PrivateKey signer, X509Certificate issuerCert, String subject,
                                     KeyPair keys, Instant notBefore, Instant notAfter) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                Date.from(notAfter), new X500Name(subject), keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            if (issuerCert != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
            }
            return new Issued(sign(b, signer), keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make CA certificate", e);
        }
    }

    /** A leaf certificate signed by the CA, with SANs for localhost and 127.0.0.1 plus any extra DNS names. */
    public static Issued leaf(Issued ca, String subject, KeyPair keys, Usage usage, Instant notBefore, Instant notAfter,
                              String... extraDnsNames) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), serial(),
                Date.from(notBefore), Date.from(notAfter), new X500Name(subject), keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            KeyPurposeId[] purposes = switch (usage) {
                case SERVER -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth};
                case CLIENT -> new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth};
                case ANY -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
            };
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            GeneralName[] names = new GeneralName[2 + extraDnsNames.length];
            names[0] = new GeneralName(GeneralName.dNSName, "localhost");
            names[1] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
            for (int i = 0; i < extraDnsNames.length; i++) {
                names[2 + i] = new GeneralName(GeneralName.dNSName, extraDnsNames[i]);
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                ext.createAuthorityKeyIdentifier(ca.certificate()));
            return new Issued(sign(b, ca.key()), keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make certificate", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) throws Exception {
        String alg = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().setProvider(BC)
            .getCertificate(b.build(new JcaContentSignerBuilder(alg).setProvider(BC).build(signer)));
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).abs().add(BigInteger.ONE);
    }

    public static void writeCertificates(Path file, X509Certificate... certs) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (X509Certificate c : certs) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        write(file, out.toString(), false);
    }

    /** Writes a key in the given PEM form; the encrypted forms need a password. */
    public static void writeKey(Path file, PrivateKey key, KeyFormat format, String password) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            switch (format) {
                case PKCS1 -> w.writeObject(key); // RSA PRIVATE KEY
                case SEC1 -> w.writeObject(new PemObject("EC PRIVATE KEY", sec1(key)));
                case PKCS8 -> w.writeObject(new JcaPKCS8Generator(key, null));
                case ENCRYPTED_LEGACY -> w.writeObject(key,
                    new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC).build(password.toCharArray()));
                case ENCRYPTED_PKCS8 -> w.writeObject(new JcaPKCS8Generator(key,
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BC)
                        .setPassword(password.toCharArray()).build()));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        write(file, out.toString(), true);
    }

    /** An EC key as OpenSSL's "EC PRIVATE KEY" (SEC1), naming its curve as openssl ecparam does. */
    private static byte[] sec1(PrivateKey key) throws IOException {
        java.security.interfaces.ECPrivateKey ec = (java.security.interfaces.ECPrivateKey) key;
        return new org.bouncycastle.asn1.sec.ECPrivateKey(256, ec.getS(),
            new org.bouncycastle.asn1.x9.X962Parameters(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1))
            .getEncoded();
    }

    /** RFC 7919's 2048-bit ffdhe2048 group as "DH PARAMETERS" (a well-known group: nothing to generate). */
    public static void writeDhParameters(Path file) {
        writeDhParameters(file, DHStandardGroups.rfc7919_ffdhe2048);
    }

    /** A well-known DH group (see BouncyCastle's DHStandardGroups) as "DH PARAMETERS". */
    public static void writeDhParameters(Path file, DHParameters g) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(g.getP()));
        v.add(new ASN1Integer(g.getG()));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new PemObject("DH PARAMETERS", new DERSequence(v).getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        write(file, out.toString(), false);
    }

    /**
     * Redis's gen-test-certs.sh layout: ca.crt/ca.key, server.crt/key (server use), client.crt/key (client
     * use), redis.crt/key (both), redis.dh. Returns the files written.
     */
    public static List<Path> generateSet(Path dir, int caBits, Duration validity) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Instant now = Instant.now().minus(Duration.ofMinutes(5));
        Issued ca = ca("O=Redis Test,CN=Certificate Authority", rsa(caBits), now, now.plus(Duration.ofDays(3650)));
        writeCertificates(dir.resolve("ca.crt"), ca.certificate());
        writeKey(dir.resolve("ca.key"), ca.key(), KeyFormat.PKCS1, null);
        String[][] leaves = {{"server", "Server-only", "SERVER"}, {"client", "Client-only", "CLIENT"},
            {"redis", "Generic-cert", "ANY"}};
        for (String[] l : leaves) {
            Issued cert = leaf(ca, "O=Redis Test,CN=" + l[1], rsa(2048), Usage.valueOf(l[2]), now, now.plus(validity));
            writeCertificates(dir.resolve(l[0] + ".crt"), cert.certificate());
            writeKey(dir.resolve(l[0] + ".key"), cert.key(), KeyFormat.PKCS1, null);
        }
        writeDhParameters(dir.resolve("redis.dh"));
        return List.of(dir.resolve("ca.crt"), dir.resolve("ca.key"), dir.resolve("server.crt"),
            dir.resolve("server.key"), dir.resolve("client.crt"), dir.resolve("client.key"), dir.resolve("redis.crt"),
            dir.resolve("redis.key"), dir.resolve("redis.dh"));
    }

    private static void write(Path file, String text, boolean secret) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            if (secret) {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // best effort on non-POSIX file systems
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code gen-certs DIR}: writes the development set and says how to use it. */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "tests/tls");
        List<Path> files = generateSet(dir, 4096, Duration.ofDays(365));
        Writer out = new java.io.PrintWriter(System.out, true);
        try {
            out.write("Wrote " + files.size() + " files to " + dir.toAbsolutePath() + ":\n");
            for (Path f : files) {
                out.write("  " + f.getFileName() + "\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
