package io.redoubt.tls;

import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.OpenSsl;
import io.netty.internal.tcnative.SSL;
import io.netty.internal.tcnative.SSLContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns tls-ciphers (OpenSSL cipher-string syntax such as {@code HIGH:!aNULL} or
 * {@code DEFAULT:-AES128-SHA256}) and tls-ciphersuites (a colon list of TLS 1.3 suites) into the explicit
 * lists the engines take. The cipher string is evaluated by OpenSSL itself, so its syntax is OpenSSL's
 * exactly; for the JDK engine the resulting names are translated to Java's.
 */
final class CipherList {
    private CipherList() {
    }

    /** The TLS 1.2-and-below ciphers a cipher string selects, in the engine's naming, or null for defaults. */
    static List<String> tls12(String cipherString, TlsEngine engine) {
        if (cipherString.isBlank()) {
            return null;
        }
        List<String> openSslNames = evaluate(cipherString.trim());
        if (engine == TlsEngine.OPENSSL) {
            return openSslNames;
        }
        List<String> javaNames = new ArrayList<>();
        for (String n : openSslNames) {
            String j = CipherSuiteConverter.toJava(n, "TLS");
            if (j != null) {
                javaNames.add(j);
            }
        }
        if (javaNames.isEmpty()) {
            throw new TlsException("tls-ciphers '" + cipherString + "' selects no cipher the JDK engine knows");
        }
        return javaNames;
    }

    /** Every TLS 1.3 cipher suite (RFC 8446), as both engines name them. */
    private static final java.util.Set<String> TLS13_SUITES = java.util.Set.of("TLS_AES_128_GCM_SHA256",
        "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256");

    /**
     * The TLS 1.3 suites of tls-ciphersuites (same names in both engines), or null for defaults. As OpenSSL
     * does, names it does not know are skipped (with a warning); a list with none it knows is refused.
     */
    static List<String> tls13(String suites, List<String> warnings) {
        if (suites.isBlank()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : suites.trim().split(":")) {
            String name = s.trim();
            if (TLS13_SUITES.contains(name)) {
                out.add(name);
            } else if (!name.isEmpty()) {
                warnings.add("tls-ciphersuites: '" + name + "' is not a TLS 1.3 cipher suite, skipped");
            }
        }
        if (out.isEmpty()) {
            throw new TlsException("tls-ciphersuites '" + suites + "' names no TLS 1.3 cipher suite");
        }
        return out;
    }

    private static List<String> evaluate(String cipherString) {
        if (!OpenSsl.isAvailable()) {
            return explicitNames(cipherString);
        }
        long ctx = 0;
        long ssl = 0;
        try {
            ctx = SSLContext.make(SSL.SSL_PROTOCOL_ALL, SSL.SSL_MODE_SERVER);
            SSLContext.setCipherSuite(ctx, cipherString, false);
            ssl = SSL.newSSL(ctx, true);
            List<String> out = new ArrayList<>();
            for (String c : SSL.getCiphers(ssl)) {
                if (!c.startsWith("TLS_")) { // TLS 1.3 suites are configured by tls-ciphersuites
                    out.add(c);
                }
            }
            if (out.isEmpty()) {
                throw new TlsException("tls-ciphers '" + cipherString + "' selects no cipher");
            }
            return out;
        } catch (TlsException e) {
            throw e;
        } catch (Exception e) {
            throw new TlsException("tls-ciphers '" + cipherString + "' is not a valid cipher string ("
                + PemFiles.reason(e) + ")", e);
        } finally {
            if (ssl != 0) {
                SSL.freeSSL(ssl);
            }
            if (ctx != 0) {
                SSLContext.free(ctx);
            }
        }
    }

    /** Without OpenSSL only plain colon-separated cipher names can be understood. */
    private static List<String> explicitNames(String cipherString) {
        List<String> out = new ArrayList<>();
        for (String n : cipherString.split("[:, ]+")) {
            if (n.isEmpty()) {
                continue;
            }
            if (!n.matches("[A-Za-z0-9_-]+") || n.equals("DEFAULT") || n.equals("ALL") || n.equals("HIGH")) {
                throw new TlsException("tls-ciphers '" + cipherString + "' uses OpenSSL cipher-string syntax, which "
                    + "needs the OpenSSL engine (netty-tcnative); list cipher names instead");
            }
            out.add(n);
        }
        return out;
    }
}
