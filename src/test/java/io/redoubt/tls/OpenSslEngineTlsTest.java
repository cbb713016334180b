package io.redoubt.tls;

/** The TLS listener tests with the OpenSSL (BoringSSL) engine. */
class OpenSslEngineTlsTest extends TlsListenerTestBase {
    @Override
    String engine() {
        return "openssl";
    }
}
