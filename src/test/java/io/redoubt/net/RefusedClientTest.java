package io.redoubt.net;

import static io.redoubt.support.RawConnection.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.OpenSslTool;
import io.redoubt.support.RawConnection;
import io.redoubt.support.SteppedTlsClient;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import io.redoubt.support.TlsClients;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A refused connection (maxclients reached, protected mode) never runs anything it sent, on either port, even
 * a write pipelined with its first bytes: the key it increments stays unset, and the server closes it. As in
 * Redis, a plain client gets the error before the close; a TLS client over maxclients is closed before any
 * handshake (Redis checks on accept, when nothing can be written to it yet), and a handshake in progress holds
 * its place. TLS cases run with both engines.
 */
class RefusedClientTest {
    static final String MAXCLIENTS = "-ERR max number of clients reached\r\n";
    final TestCerts certs = TestCerts.shared();

    TestServer start(String... directives) {
        return TestServer.start(certs.serverDirectives(TestServer.freePort(), directives));
    }

    static int tlsPort(TestServer s) {
        return s.server().directives().get("tls-port").asInt();
    }

    @Test
    void overMaxclientsAPlainClientGetsTheErrorAndRunsNothing() throws Exception {
        try (TestServer s = start(); RawConnection admin = new RawConnection(s.port())) {
            assertThat(admin.call("CONFIG", "SET", "maxclients", "1")).isEqualTo("OK");
            for (int i = 0; i < 5; i++) {
                try (RawConnection refused = new RawConnection(s.port())) {
                    refused.send(command("INCR", "mcx"));
                    assertThat(refused.readUntilClosed()).isEqualTo(MAXCLIENTS);
                }
            }
            assertThat(admin.call("GET", "mcx")).isNull();
            assertThat(s.server().clients().totalRejected()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void overMaxclientsATlsClientIsClosedBeforeItsHandshakeAndRunsNothing(String engine) throws Exception {
        try (TestServer s = start("tls-engine=" + engine); RawConnection admin = new RawConnection(s.port())) {
            assertThat(admin.call("CONFIG", "SET", "maxclients", "1")).isEqualTo("OK");
            for (int i = 0; i < 5; i++) {
                // s_client sends the command right after its Finished; it returns only once the server has closed
                String out = OpenSslTool.sClient("127.0.0.1", tlsPort(s), certs, true, "INCR mcx\r\n");
                assertThat(OpenSslTool.cipher(out)).as(out).isEqualTo("(NONE)"); // no handshake completed
                assertThat(out).doesNotContain(":1\r\n").doesNotContain("max number of clients");
            }
            assertThat(admin.call("GET", "mcx")).isNull();
            assertThat(s.server().clients().totalRejected()).isEqualTo(5);
        }
    }

    /** As in Redis, a client exists from accept: its handshake holds its place, so a later client is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void aTlsHandshakeInProgressHoldsItsPlaceUnderMaxclients(String engine) throws Exception {
        try (TestServer s = start("tls-engine=" + engine); RawConnection admin = new RawConnection(s.port())) {
            assertThat(admin.call("CONFIG", "SET", "maxclients", "2")).isEqualTo("OK");
            try (SteppedTlsClient early = new SteppedTlsClient(tlsPort(s),
                    TlsClients.context(certs.caCert, certs.clientCert, certs.clientKey)).helloAnswered()) {
                try (RawConnection other = new RawConnection(s.port())) {
                    other.send(command("INCR", "mcx"));
                    assertThat(other.readUntilClosed()).isEqualTo(MAXCLIENTS);
                }
                byte[] got = early.finishSendingAndReadUntilClosed("INCR mcx\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo(":1\r\n+OK\r\n");
            }
            assertThat(admin.call("GET", "mcx")).isEqualTo("1");
            assertThat(s.server().clients().totalRejected()).isEqualTo(1);
            assertThat(s.server().clients().totalReceived()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void protectedModeRefusesARemoteClientOnBothPortsAndRunsNothing(String engine) throws Exception {
        String remote = nonLoopbackAddress();
        Assumptions.assumeTrue(remote != null, "this machine has no non-loopback IPv4 address to connect from");
        try (TestServer s = start("tls-engine=" + engine, "protected-mode=yes", "bind=127.0.0.1 " + remote);
             RawConnection admin = new RawConnection(s.port())) {
            try (RawConnection refused = new RawConnection(remote, s.port())) {
                refused.send(command("INCR", "pm"));
                assertThat(refused.readUntilClosed()).isEqualTo(ProtectedMode.DENIED);
            }
            String out = OpenSslTool.sClient(remote, tlsPort(s), certs, true, "INCR pm\r\n");
            assertThat(out).contains(ProtectedMode.DENIED.strip()).doesNotContain(":1\r\n");
            assertThat(admin.call("GET", "pm")).isNull();
            assertThat(s.server().clients().totalRejected()).isEqualTo(2);
            // as redis-server 7.0: total_connections_received counts only the served admin connection
            assertThat(s.server().clients().totalReceived()).isEqualTo(1);
        }
    }

    /** An IPv4 address of this machine that is not loopback: a connection to it comes from it. */
    static String nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        return null;
    }
}
