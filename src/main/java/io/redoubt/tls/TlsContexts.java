package io.redoubt.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The immutable Netty contexts built from one {@link TlsMaterial}: the server context for TLS listeners
 * and the client context for outgoing links (replication, cluster bus). Each new connection takes an
 * engine from them; live connections keep the engine they have.
 */
public final class TlsContexts {
    private final SslContext server;
    private final SslContext client;
    private final boolean preferServerCiphers;
    private final boolean sessionCaching;
    /** tls-session-cache-timeout's default, which BoringSSL does not honour for TLS 1.3 either (see README). */
    private static final int DEFAULT_SESSION_TIMEOUT = 300;

    private TlsContexts(SslContext server, SslContext client, boolean preferServerCiphers, boolean sessionCaching) {
        this.server = server;
        this.client = client;
        this.preferServerCiphers = preferServerCiphers;
        this.sessionCaching = sessionCaching;
    }

    public static TlsContexts build(TlsMaterial m, TlsSettings s, TlsEngine engine, List<String> warnings) {
        List<String> ciphers = ciphers(s, engine, warnings);
        List<String> protocols = s.enabledProtocols();
        try {
            SslContextBuilder server = SslContextBuilder
                .forServer(m.serverKey(), m.serverChain().toArray(X509Certificate[]::new))
                .sslProvider(engine.provider())
                .protocols(protocols)
                .clientAuth(switch (s.authClients()) {
                    case YES -> io.netty.handler.ssl.ClientAuth.REQUIRE;
                    case OPTIONAL -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
                    case NO -> io.netty.handler.ssl.ClientAuth.NONE;
                })
                .sessionCacheSize(s.sessionCacheSize())
                .sessionTimeout(s.sessionCacheTimeout());
            SslContextBuilder client = SslContextBuilder.forClient()
                .sslProvider(engine.provider())
                .keyManager(m.clientKey(), m.clientChain().toArray(X509Certificate[]::new))
                .protocols(protocols)
                .endpointIdentificationAlgorithm(null); // Redis checks the chain, never the host name
            if (!m.caCertificates().isEmpty()) {
                RememberingTrustManager trust = RememberingTrustManager.forAnchors(m.caCertificates());
                server.trustManager(trust);
                client.trustManager(trust);
            }
            var filter = engine == TlsEngine.JDK ? SupportedCipherSuiteFilter.INSTANCE : IdentityCipherSuiteFilter.INSTANCE;
            server.ciphers(ciphers, filter);
            client.ciphers(ciphers, filter);
            SslContext serverCtx = server.build();
            if (serverCtx.sessionContext() instanceof OpenSslSessionContext openssl) {
                openssl.setSessionCacheEnabled(s.sessionCaching());
                if (s.sessionCaching() && s.sessionCacheTimeout() != DEFAULT_SESSION_TIMEOUT && protocols.contains("TLSv1.3")) {
                    warnings.add("tls-session-cache-timeout applies to TLS 1.2 sessions only: BoringSSL keeps "
                        + "TLS 1.3 session tickets valid for 2 days");
                }
            } else if (!s.sessionCaching()) {
                warnings.add("tls-session-caching no is not honoured by the JDK TLS engine, which always caches "
                    + "sessions (for tls-session-cache-timeout seconds)");
            }
            return new TlsContexts(serverCtx, client.build(), s.preferServerCiphers(), s.sessionCaching());
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsException("cannot build the TLS context: " + PemFiles.reason(e), e);
        }
    }

    /**
     * tls-ciphers and tls-ciphersuites combined, each unset one replaced by the engine's own defaults. Unset
     * tls-ciphers leaves Redis with OpenSSL's DEFAULT list, so each engine gets its own full default list
     * (ChaCha20 and ECDSA CBC suites included), not Netty's narrower choice.
     */
    private static List<String> ciphers(TlsSettings s, TlsEngine engine, List<String> warnings) {
        List<String> tls12 = CipherList.tls12(s.ciphers(), engine);
        List<String> tls13 = CipherList.tls13(s.ciphersuites(), warnings);
        List<String> all = new ArrayList<>();
        all.addAll(tls12 != null ? tls12 : defaults(engine, false));
        all.addAll(tls13 != null ? tls13 : defaults(engine, true));
        return all;
    }

    /** The engine's own default ciphers of one TLS generation, for the directive left unset. */
    private static List<String> defaults(TlsEngine engine, boolean tls13) {
        List<String> out = new ArrayList<>();
        List<String> names = engine == TlsEngine.OPENSSL
            ? new ArrayList<>(io.netty.handler.ssl.OpenSsl.availableOpenSslCipherSuites())
            : jdkDefaults();
        for (String n : names) {
            if (n.startsWith("TLS_AES_") || n.startsWith("TLS_CHACHA20_")) {
                if (tls13) {
                    out.add(n);
                }
            } else if (!tls13) {
                out.add(n);
            }
        }
        return out;
    }

    private static List<String> jdkDefaults() {
        try {
            return List.of(javax.net.ssl.SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new TlsException("no default JDK TLS context", e);
        }
    }

    /** A handler for a new inbound connection, with the server's cipher order honoured when configured. */
    public SslHandler newServerHandler(ByteBufAllocator alloc) {
        // from the context rather than new SslHandler(newEngine()): an OpenSSL engine made that way runs in JDK
        // compatibility mode, which unwraps one record per call and costs more on every read
        SslHandler handler = server.newHandler(alloc);
        SSLEngine engine = handler.engine();
        SSLParameters p = engine.getSSLParameters();
        p.setUseCipherSuitesOrder(preferServerCiphers);
        engine.setSSLParameters(p);
        if (!sessionCaching) {
            SessionTickets.turnOff(engine);
        }
        return handler;
    }

    public SslContext server() {
        return server;
    }

    public SslContext client() {
        return client;
    }
}
