package io.redoubt.support;

import io.redoubt.tls.PemFiles;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** JDK TLS client contexts from PEM files, for Jedis and raw TLS sockets in tests. */
public final class TlsClients {
    private TlsClients() {
    }

    /** Trusts the CA; presents the certificate and key when both are given. */
    public static SSLContext context(Path ca, Path cert, Path key) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate c : PemFiles.certificates(ca)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (cert != null && key != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                PrivateKey pk = PemFiles.privateKey(key, null, "password");
                List<X509Certificate> chain = PemFiles.certificates(cert);
                ks.setKeyEntry("client", pk, new char[0], chain.toArray(Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connects, completes the handshake and returns the server's leaf certificate. */
    public static X509Certificate serverCertificate(int port, SSLContext ctx) {
        return serverChain(port, ctx).get(0);
    }

    /** Connects, completes the handshake (verifying the server) and returns the chain the server sent. */
    public static List<X509Certificate> serverChain(int port, SSLContext ctx) {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.startHandshake();
            return java.util.Arrays.stream(s.getSession().getPeerCertificates()).map(X509Certificate.class::cast)
                .toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
