package io.redoubt.tls;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.CertificateVerifier;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX validation of peer certificates against the configured CAs, remembering the chains it has
 * accepted. Full path validation costs more per handshake than the rest of the server's Java work on a new
 * connection, and fleets connect with a handful of client certificates. A chain seen before, byte for byte,
 * for the same kind of check, is accepted again while every certificate in it is within its dates; anything
 * else goes through PKIX. One instance belongs to one {@link TlsContexts}, so a reload (new CAs) starts
 * with nothing remembered. The peer's proof of its key is part of every handshake and never remembered.
 */
final class RememberingTrustManager extends X509ExtendedTrustManager {
    /** Enough for every client certificate of a large fleet; past it nothing new is remembered. */
    private static final int CAPACITY = 4096;

    private final X509ExtendedTrustManager pkix;
    private final Map<String, Boolean> accepted = new ConcurrentHashMap<>();

    private RememberingTrustManager(X509ExtendedTrustManager pkix) {
        this.pkix = pkix;
    }

    static RememberingTrustManager forAnchors(List<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : anchors) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return new RememberingTrustManager(x);
                }
            }
            throw new TlsException("the JDK offers no X509 trust manager", null);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsException("cannot build the trust manager: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
        check("client", chain, authType, engine, () -> pkix.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
        check("server", chain, authType, engine, () -> pkix.checkServerTrusted(chain, authType, engine));
    }

    /** A PKIX check that may refuse the chain. */
    private interface Check {
        void run() throws CertificateException;
    }

    private void check(String side, X509Certificate[] chain, String authType, SSLEngine engine, Check pkixCheck)
        throws CertificateException {
        String key = key(side, chain, authType);
        if (!remembered(key, chain)) {
            try {
                pkixCheck.run();
            } catch (CertificateException e) {
                throw engine instanceof ReferenceCountedOpenSslEngine ? forOpenSsl(e) : e;
            }
            remember(key);
        }
    }

    /**
     * Gives BoringSSL the verification result OpenSSL would have found, so the peer gets the alert Redis sends
     * (unknown CA, unsupported certificate) rather than "internal error", the alert of an unexplained refusal.
     * Netty already translates expiry and not-yet-valid.
     */
    private static CertificateException forOpenSsl(CertificateException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException
                || t instanceof CertPathValidatorException v && v.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
                return new OpenSslCertificateException("certificate verify failed: unable to get local issuer "
                    + "certificate (" + e.getMessage() + ")", e, CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
            }
        }
        if (String.valueOf(e.getMessage()).contains("key usage")) {
            return new OpenSslCertificateException("certificate verify failed: unsupported certificate purpose ("
                + e.getMessage() + ")", e, CertificateVerifier.X509_V_ERR_INVALID_PURPOSE);
        }
        return e;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
        pkix.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    int remembered() {
        return accepted.size();
    }

    private boolean remembered(String key, X509Certificate[] chain) {
        if (key == null || !accepted.containsKey(key)) {
            return false;
        }
        Date now = new Date();
        for (X509Certificate c : chain) {
            if (now.before(c.getNotBefore()) || now.after(c.getNotAfter())) {
                return false; // PKIX says why
            }
        }
        return true;
    }

    private void remember(String key) {
        if (key != null && accepted.size() < CAPACITY) {
            accepted.put(key, Boolean.TRUE);
        }
    }

    /** The SHA-256 of the chain's encodings, with the side and key-exchange type checked; null if unreadable. */
    private static String key(String side, X509Certificate[] chain, String authType) {
        if (chain == null || chain.length == 0) {
            return null;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((side + '\0' + authType + '\0').getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (X509Certificate c : chain) {
                byte[] der = c.getEncoded();
                sha.update(java.nio.ByteBuffer.allocate(4).putInt(der.length).array());
                sha.update(der);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            return null;
        }
    }
}
