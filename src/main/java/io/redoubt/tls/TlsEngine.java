package io.redoubt.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The TLS implementation behind the contexts: OpenSSL (BoringSSL through netty-tcnative) or the JDK's JSSE.
 * {@code redoubt.tls-engine} is auto (the default), openssl or jdk.
 */
public enum TlsEngine {
    OPENSSL(SslProvider.OPENSSL), JDK(SslProvider.JDK);

    private final SslProvider provider;

    TlsEngine(SslProvider provider) {
        this.provider = provider;
    }

    public SslProvider provider() {
        return provider;
    }

    public String displayName() {
        return this == OPENSSL ? "openssl (" + OpenSsl.versionString() + ")" : "jdk (" + System.getProperty("java.vm.vendor")
            + " " + Runtime.version() + ")";
    }

    /**
     * Picks the engine. Auto prefers OpenSSL, but takes the JDK engine when the settings ask for something
     * BoringSSL cannot do and the JDK can (see {@link #beyondBoringSsl}); the reason goes into the warnings.
     */
    public static TlsEngine choose(String setting, TlsSettings s, List<String> warnings) {
        String v = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "openssl" -> {
                if (!OpenSsl.isAvailable()) {
                    throw new TlsException("redoubt.tls-engine is openssl, but OpenSSL (netty-tcnative) is not "
                        + "available: " + OpenSsl.unavailabilityCause());
                }
                for (String limit : beyondBoringSsl(s)) {
                    warnings.add(limit + ": not honoured by the OpenSSL engine; use redoubt.tls-engine=jdk or auto "
                        + "to enforce it");
                }
                return OPENSSL;
            }
            case "jdk" -> {
                return JDK;
            }
            case "auto", "" -> {
                if (!OpenSsl.isAvailable()) {
                    return JDK;
                }
                List<String> limits = beyondBoringSsl(s);
                if (limits.isEmpty()) {
                    return OPENSSL;
                }
                limits.forEach(limit -> warnings.add(limit + ": using the JDK TLS engine, which honours it"));
                return JDK;
            }
            default -> throw new TlsException("redoubt.tls-engine must be auto, openssl or jdk, not '" + setting + "'");
        }
    }

    /**
     * What the settings ask that BoringSSL cannot do: restrict the TLS 1.3 suites (it always offers its own),
     * or leave out a protocol version between two enabled ones (it enables every version from the lowest to
     * the highest, where Redis's OpenSSL disables each one left out).
     */
    private static List<String> beyondBoringSsl(TlsSettings s) {
        List<String> out = new ArrayList<>();
        if (!s.ciphersuites().isEmpty()) {
            out.add("tls-ciphersuites is set (BoringSSL always offers its TLS 1.3 suites)");
        }
        String leftOut = s.protocolsLeftOut();
        if (!leftOut.isEmpty()) {
            out.add("tls-protocols leaves out " + leftOut + " between versions it enables (BoringSSL enables "
                + "every version from the lowest to the highest)");
        }
        return out;
    }
}
