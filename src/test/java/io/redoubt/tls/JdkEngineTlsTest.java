package io.redoubt.tls;

/** The TLS listener tests with the JDK engine. */
class JdkEngineTlsTest extends TlsListenerTestBase {
    @Override
    String engine() {
        return "jdk";
    }
}
