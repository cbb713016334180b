package io.redoubt.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads PEM files with BouncyCastle: certificate chains and bundles, private keys in PKCS#1, PKCS#8 and
 * SEC1 form, plain or encrypted (legacy OpenSSL "Proc-Type: 4,ENCRYPTED" and encrypted PKCS#8), CA
 * directories, and DH parameters. Every failure names the file.
 */
public final class PemFiles {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private PemFiles() {
    }

    /** A certificate and the file it was read from, for messages that must say where it came from. */
    public record Found(X509Certificate certificate, Path file) {
        /** Adds the certificate unless the list holds it already (from this file or another): each CA once. */
        static void addOnce(List<Found> into, Found found) {
            if (into.stream().noneMatch(known -> known.certificate().equals(found.certificate()))) {
                into.add(found);
            }
        }
    }

    /** PEM block types that hold a certificate (OpenSSL reads all three as X509). */
    private static final Set<String> CERTIFICATE_BLOCKS = Set.of("CERTIFICATE", "X509 CERTIFICATE",
        "TRUSTED CERTIFICATE");

    /**
     * PEM block types that hold a private key; any other block (certificates, EC PARAMETERS written before
     * the key by openssl ecparam, DH parameters) is skipped, as OpenSSL does.
     */
    private static final Set<String> KEY_BLOCKS = Set.of("PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
        "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY");

    /**
     * Every certificate in a PEM file, in file order; at least one. Other blocks (a private key in a combined
     * file, parameters) are skipped, in any order.
     */
    public static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            for (PemObject block : blocks(file, CERTIFICATE_BLOCKS)) {
                Object o = parse(block);
                X509CertificateHolder h = o instanceof X509TrustedCertificateBlock trusted
                    ? trusted.getCertificateHolder() : (X509CertificateHolder) o;
                certs.add(new JcaX509CertificateConverter().setProvider(BC).getCertificate(h));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new TlsException(file + ": not a readable PEM certificate file (" + reason(e) + ")", e);
        }
        if (certs.isEmpty()) {
            throw new TlsException(file + ": no certificate found");
        }
        return certs;
    }

    /**
     * The first private key in a PEM file; other blocks (certificates of a combined file, EC PARAMETERS) are
     * skipped, in any order. An encrypted key needs the password; a plain key ignores it, as OpenSSL does.
     */
    public static PrivateKey privateKey(Path file, String password, String passwordDirective) {
        List<PemObject> keys;
        try {
            keys = blocks(file, KEY_BLOCKS);
            if (!keys.isEmpty()) {
                return toKey(parse(keys.get(0)), file, password, passwordDirective);
            }
        } catch (TlsException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TlsException(file + ": not a readable PEM private key (" + reason(e) + ")", e);
        }
        throw new TlsException(file + ": no private key found");
    }

    /** The PEM blocks of a file whose type is one of the given ones, in file order. */
    private static List<PemObject> blocks(Path file, Set<String> types) throws IOException {
        List<PemObject> out = new ArrayList<>();
        try (PemReader r = new PemReader(reader(file))) {
            PemObject o;
            while ((o = r.readPemObject()) != null) {
                if (types.contains(o.getType())) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** One block decoded by BouncyCastle's PEM parser (which keeps the encryption headers' meaning). */
    private static Object parse(PemObject block) throws IOException {
        StringWriter text = new StringWriter();
        try (PemWriter w = new PemWriter(text)) {
            w.writeObject(block);
        }
        try (PEMParser parser = new PEMParser(new StringReader(text.toString()))) {
            Object o = parser.readObject();
            if (o == null) {
                throw new IOException("empty " + block.getType() + " block");
            }
            return o;
        }
    }

    private static PrivateKey toKey(Object o, Path file, String password, String passwordDirective) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
        boolean noPassword = password == null || password.isEmpty();
        try {
            if (o instanceof PEMKeyPair kp) {
                return converter.getPrivateKey(kp.getPrivateKeyInfo()); // SEC1 keys may omit the public part
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (o instanceof PEMEncryptedKeyPair enc) {
                if (noPassword) {
                    throw new TlsException(file + ": the key is encrypted and " + passwordDirective + " is not set");
                }
                return converter.getPrivateKey(enc.decryptKeyPair(
                    new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password.toCharArray())).getPrivateKeyInfo());
            }
            if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                if (noPassword) {
                    throw new TlsException(file + ": the key is encrypted and " + passwordDirective + " is not set");
                }
                InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC)
                    .build(password.toCharArray());
                return converter.getPrivateKey(enc.decryptPrivateKeyInfo(decryptor));
            }
        } catch (TlsException e) {
            throw e;
        } catch (Exception e) {
            if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new TlsException(file + ": cannot decrypt the key: wrong " + passwordDirective
                    + " or corrupt key (" + reason(e) + ")", e);
            }
            throw new TlsException(file + ": unusable private key (" + reason(e) + ")", e);
        }
        throw new TlsException(file + ": expected a private key, found " + o.getClass().getSimpleName());
    }

    /**
     * Every certificate in the PEM files of a directory (OpenSSL's CApath), each with the file it came from;
     * possibly none. Hash-named links and plain names both count; files that hold no certificate (CRLs,
     * notes) are skipped. A directory that does not exist is refused.
     */
    public static List<Found> certificatesInDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TlsException(dir + ": not a directory");
        }
        List<Found> certs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(files::add);
        } catch (IOException e) {
            throw new TlsException(dir + ": cannot list directory (" + reason(e) + ")", e);
        }
        files.sort(null);
        for (Path f : files) {
            if (!Files.isRegularFile(f) || f.getFileName().toString().startsWith(".")) {
                continue;
            }
            try {
                for (X509Certificate c : certificates(f)) {
                    Found.addOnce(certs, new Found(c, f));
                }
            } catch (TlsException notACertificate) {
                // OpenSSL ignores files in a CA directory that hold no certificate
            }
        }
        return certs;
    }

    /** OpenSSL's default security level (Debian's, Redis's) refuses smaller groups: "dh key too small". */
    static final int MIN_DH_BITS = 2048;

    /** DH parameters ("BEGIN DH PARAMETERS"): prime p and generator g, of at least {@link #MIN_DH_BITS} bits. */
    public static BigInteger[] dhParameters(Path file) {
        try (PemReader r = new PemReader(reader(file))) {
            PemObject o;
            while ((o = r.readPemObject()) != null) {
                if (o.getType().equals("DH PARAMETERS")) {
                    ASN1Sequence seq = ASN1Sequence.getInstance(o.getContent());
                    BigInteger p = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
                    BigInteger g = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
                    if (p.bitLength() < MIN_DH_BITS) {
                        throw new TlsException(file + ": DH parameters of " + p.bitLength()
                            + " bits are too small (dh key too small; at least " + MIN_DH_BITS + " bits are needed)");
                    }
                    return new BigInteger[] {p, g};
                }
            }
        } catch (TlsException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TlsException(file + ": not readable DH parameters (" + reason(e) + ")", e);
        }
        throw new TlsException(file + ": no DH PARAMETERS block found");
    }

    private static Reader reader(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException(Files.exists(file) ? "permission denied" : "no such file");
        }
        return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
    }

    static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
