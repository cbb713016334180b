package io.redoubt.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
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
     * Picks the engine. Auto prefers OpenSSL, but takes the JDK engine when tls-ciphersuites is set, since
     * BoringSSL cannot restrict TLS 1.3 suites and the JDK can, and when tls-protocols leaves out a version
     * between two it enables, since BoringSSL would enable it; the reason goes into the warnings.
     */
    public static TlsEngine choose(String setting, TlsSettings s, List<String> warnings) {
        String v = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "openssl" -> {
                if (!OpenSsl.isAvailable()) {
                    throw new TlsException("redoubt.tls-engine is openssl, but OpenSSL (netty-tcnative) is not "
                        + "available: " + OpenSsl.unavailabilityCause());
                }
                if (!s.ciphersuites().isEmpty()) {
                    warnings.add("tls-ciphersuites is not honoured by the OpenSSL engine (BoringSSL always offers "
                        + "its TLS 1.3 suites); use redoubt.tls-engine=jdk or auto to enforce it");
                }
                String leftOut = s.protocolsLeftOut();
                if (!leftOut.isEmpty()) {
                    warnings.add("tls-protocols leaves out " + leftOut + ", which the OpenSSL engine accepts anyway "
                        + "(BoringSSL enables every version from the lowest to the highest); use "
                        + "redoubt.tls-engine=jdk or auto to enforce it");
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
                if (!s.ciphersuites().isEmpty()) {
                    warnings.add("tls-ciphersuites is set: using the JDK TLS engine, which can restrict TLS 1.3 "
                        + "suites (BoringSSL cannot)");
                    return JDK;
                }
                String leftOut = s.protocolsLeftOut();
                if (!leftOut.isEmpty()) {
                    warnings.add("tls-protocols leaves out " + leftOut + " between versions it enables: using the "
                        + "JDK TLS engine, which can refuse it (BoringSSL enables every version from the lowest "
                        + "to the highest)");
                    return JDK;
                }
                return OPENSSL;
            }
            default -> throw new TlsException("redoubt.tls-engine must be auto, openssl or jdk, not '" + setting + "'");
        }
    }
}
