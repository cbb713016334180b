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
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>The JDK's PKIX does not check the dates of the trust anchor, and every configured CA certificate is an
 * anchor, intermediates included; OpenSSL checks every certificate of the path up to the self-signed root.
 * So after PKIX, the path from the peer's certificate through the CAs ({@link ChainCompletion}) must be
 * within its dates: a chain through an expired CA fails, as in Redis.
 */
final class RememberingTrustManager extends X509ExtendedTrustManager {
    /** Enough for every client certificate of a large fleet; past it nothing new is remembered. */
    private static final int CAPACITY = 4096;

    private final X509ExtendedTrustManager pkix;
    private final List<X509Certificate> cas;
    /** Accepted chains and when their whole path (to the root) is valid. */
    private final Map<String, Validity> accepted = new ConcurrentHashMap<>();

    /** The dates within which every certificate of a path is valid. */
    private record Validity(Date notBefore, Date notAfter) {
        boolean covers(Date now) {
            return !now.before(notBefore) && !now.after(notAfter);
        }
    }

    private RememberingTrustManager(X509ExtendedTrustManager pkix, List<X509Certificate> cas) {
        this.pkix = pkix;
        this.cas = List.copyOf(cas);
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
                    return new RememberingTrustManager(x, anchors);
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
        if (!remembered(key)) {
            Validity validity;
            try {
                pkixCheck.run();
                validity = pathValidity(chain);
            } catch (CertificateException e) {
                throw engine instanceof ReferenceCountedOpenSslEngine ? forOpenSsl(e) : e;
            }
            remember(key, validity);
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
        pathValidity(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
        pathValidity(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        pathValidity(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        pathValidity(chain);
    }

    /**
     * The path from the peer's certificate to its root, the CAs taken first as OpenSSL does (then what the
     * peer sent), checked to be within its dates now; returns when the whole path is valid.
     */
    private Validity pathValidity(X509Certificate[] chain) throws CertificateException {
        List<X509Certificate> candidates = new ArrayList<>(cas);
        candidates.addAll(Arrays.asList(chain).subList(1, chain.length));
        Date notBefore = new Date(Long.MIN_VALUE);
        Date notAfter = new Date(Long.MAX_VALUE);
        for (X509Certificate c : ChainCompletion.complete(List.of(chain[0]), candidates)) {
            c.checkValidity(); // names the date; CertificateExpiredException or CertificateNotYetValidException
            notBefore = c.getNotBefore().after(notBefore) ? c.getNotBefore() : notBefore;
            notAfter = c.getNotAfter().before(notAfter) ? c.getNotAfter() : notAfter;
        }
        return new Validity(notBefore, notAfter);
    }

    /**
     * None, as from Redis, whose OpenSSL context is given no client CA list: both engines would otherwise name
     * every trusted CA in the certificate request, telling any unauthenticated client what the server trusts.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    int remembered() {
        return accepted.size();
    }

    private boolean remembered(String key) {
        Validity v = key == null ? null : accepted.get(key);
        return v != null && v.covers(new Date()); // out of its dates: PKIX and the path check say why
    }

    private void remember(String key, Validity validity) {
        if (key != null && accepted.size() < CAPACITY) {
            accepted.put(key, validity);
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
