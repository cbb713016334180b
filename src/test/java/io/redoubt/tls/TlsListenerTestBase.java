package io.redoubt.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redoubt.support.Eventually;
import io.redoubt.support.OpenSslTool;
import io.redoubt.support.RawConnection;
import io.redoubt.support.RedisTools;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import io.redoubt.support.TlsClients;
import io.redoubt.tls.CertificateGenerator.KeyFormat;
import io.redoubt.tls.CertificateGenerator.Usage;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/**
 * TLS listener behaviour, run once per engine by the subclasses: client authentication modes, protocol and
 * cipher restrictions, plain text on the TLS port, TLS-only servers, reload by CONFIG SET while clients
 * stay connected, refused reloads, encrypted keys and CA directories, through redis-cli, openssl,
 * Lettuce and Jedis.
 */
abstract class TlsListenerTestBase {
    final TestCerts certs = TestCerts.shared();

    abstract String engine();

    TestServer start(String... directives) {
        int tlsPort = TestServer.freePort();
        String[] all = certs.serverDirectives(tlsPort, directives);
        String[] withEngine = new String[all.length + 1];
        System.arraycopy(all, 0, withEngine, 0, all.length);
        withEngine[all.length] = "tls-engine=" + engine();
        TestServer s = TestServer.start(withEngine);
        assertThat(s.server().directives().get("tls-port").asInt()).isEqualTo(tlsPort);
        return s;
    }

    static int tlsPort(TestServer s) {
        return s.server().directives().get("tls-port").asInt();
    }

    String cliTls(int port, boolean withCert, String... command) {
        return RedisTools.cliTls(certs, port, withCert, command);
    }

    @Test
    void authClientsYesRequiresATrustedCertificate() {
        try (TestServer s = start()) {
            int port = tlsPort(s);
            assertThat(cliTls(port, true, "PING")).isEqualTo("PONG");
            assertThat(cliTls(port, false, "PING")).doesNotContain("PONG");
            TestCerts stranger = TestCerts.fresh(); // signed by a CA the server does not trust
            String out = OpenSslTool.sClient(port, certs, false, "-cert", stranger.clientCert.toString(), "-key",
                stranger.clientKey.toString());
            assertThat(OpenSslTool.ponged(out)).isFalse();
        }
    }

    /** As from Redis: the certificate request names no CA, so an unauthenticated client learns nothing of them. */
    @Test
    void theCertificateRequestNamesNoCa() {
        try (TestServer s = start()) {
            for (String version : new String[] {"-tls1_2", "-tls1_3"}) {
                String out = OpenSslTool.sClient(tlsPort(s), certs, true, version);
                assertThat(OpenSslTool.ponged(out)).as(version).isTrue();
                assertThat(out).as(version).contains("No client certificate CA names sent")
                    .doesNotContain("Acceptable client certificate CA names");
            }
        }
    }

    @Test
    void authClientsOptionalAndNo() {
        try (TestServer s = start("tls-auth-clients=optional")) {
            int port = tlsPort(s);
            assertThat(cliTls(port, false, "PING")).isEqualTo("PONG");
            assertThat(cliTls(port, true, "PING")).isEqualTo("PONG");
            TestCerts stranger = TestCerts.fresh();
            String out = OpenSslTool.sClient(port, certs, false, "-cert", stranger.clientCert.toString(), "-key",
                stranger.clientKey.toString());
            assertThat(OpenSslTool.ponged(out)).as("optional still verifies a certificate that is sent").isFalse();
            // switched at runtime: new connections follow the new mode
            assertThat(cliTls(port, true, "CONFIG", "SET", "tls-auth-clients", "yes")).isEqualTo("OK");
            assertThat(cliTls(port, false, "PING")).doesNotContain("PONG");
            assertThat(cliTls(port, true, "CONFIG", "SET", "tls-auth-clients", "no")).isEqualTo("OK");
            assertThat(cliTls(port, false, "PING")).isEqualTo("PONG");
            assertThat(cliTls(port, false, "CONFIG", "GET", "tls-auth-clients")).isEqualTo("tls-auth-clients\nno");
        }
    }

    /** As from Redis, whose OpenSSL leaves the rest of the text unread, so that closing resets the connection. */
    @Test
    void plainTextClientOnTheTlsPortGetsNoReplyAndIsReset() throws Exception {
        try (TestServer s = start(); RawConnection raw = new RawConnection(tlsPort(s))) {
            raw.send("PING\r\n");
            assertThat(raw.timeout(5000).resetByServer()).isTrue();
            Eventually.holds("the closed connection is no client", () -> s.server().clients().count() == 0);
            assertThat(RedisTools.run(null, 30, "redis-cli", "-p", Integer.toString(tlsPort(s)), "PING").stderr())
                .contains("Connection reset by peer");
        }
    }

    /** As in Redis: a connection is a client from accept, listed and counted while its handshake is pending. */
    @Test
    void aPendingHandshakeIsAClientThatTheIdleTimeoutCloses() throws Exception {
        try (TestServer s = start(); RawConnection pending = new RawConnection(tlsPort(s))) {
            Eventually.holds("the pending connection is a client", () -> s.server().clients().count() == 1);
            try (RawConnection admin = new RawConnection(s.port())) {
                String list = (String) admin.call("CLIENT", "LIST");
                assertThat(list.lines()).hasSize(2)
                    .anySatisfy(l -> assertThat(l).contains("laddr=127.0.0.1:" + tlsPort(s)).contains(" cmd=NULL ")
                        .contains(" transport=tls tls-protocol= "));
                assertThat((String) admin.call("INFO", "clients")).contains("connected_clients:2");
                assertThat(admin.call("CONFIG", "SET", "timeout", "1")).isEqualTo("OK");
            }
            assertThat(pending.timeout(4000).closedByServer()).isTrue(); // well before the 10 s handshake limit
            Eventually.holds("the closed handshake is no client", () -> s.server().clients().count() == 0);
        }
    }

    @Test
    void portZeroMeansTlsOnly() throws Exception {
        int plainPort = TestServer.freePort();
        try (TestServer s = start("port=0")) {
            assertThat(cliTls(tlsPort(s), true, "PING")).isEqualTo("PONG");
            assertThat(s.server().listening()).allMatch(a -> a.endsWith("(tls)"));
            // INFO lists the listeners as Redis 7.2 does: the TLS one as listener2, none for a port of 0
            String info = cliTls(tlsPort(s), true, "INFO", "server");
            assertThat(info).doesNotContain("listener0:").contains("listener2:name=tls,bind=127.0.0.1,port=" + tlsPort(s));
            assertThatThrownBy(() -> new Socket("127.0.0.1", plainPort).close()).isInstanceOf(ConnectException.class);
            // and back: CONFIG SET opens the plain port at runtime
            assertThat(cliTls(tlsPort(s), true, "CONFIG", "SET", "port", Integer.toString(plainPort))).isEqualTo("OK");
            assertThat(RedisTools.cli(plainPort, "PING")).isEqualTo("PONG");
        }
    }

    /**
     * As on Redis: the ClientHello is read as an inline request whose NUL bytes hide any newline, so the client
     * gets no answer and waits (its handshake times out) while the connection stays open.
     */
    @Test
    void tlsClientOnThePlainPortWaitsWithNoAnswer() throws Exception {
        try (TestServer s = start();
             SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket("127.0.0.1", s.port())) {
            socket.setSoTimeout(1000);
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SocketTimeoutException.class);
            assertThat(s.server().clients().count()).isOne();
            assertThat(RedisTools.cli(s.port(), "PING")).isEqualTo("PONG");
        }
    }

    @Test
    void infoTlsWithoutTlsSaysNone() {
        try (TestServer s = TestServer.start()) {
            String info = RedisTools.cli(s.port(), "INFO", "tls");
            assertThat(info).contains("tls_server_cert_serial:none").contains("tls_server_cert_expires_in_seconds:0")
                .contains("tls_ca_cert_serial:none").contains("tls_generation:0");
        }
    }

    @Test
    void bothListenersServeTheSameKeyspace() {
        try (TestServer s = start()) {
            assertThat(cliTls(tlsPort(s), true, "SET", "shared", "yes")).isEqualTo("OK");
            assertThat(RedisTools.cli(s.port(), "GET", "shared")).isEqualTo("yes");
        }
    }

    @Test
    void tls12OnlyServerRefusesATls13OnlyClient() {
        try (TestServer s = start("tls-protocols=TLSv1.2")) {
            int port = tlsPort(s);
            assertThat(OpenSslTool.ponged(OpenSslTool.sClient(port, certs, true, "-tls1_3"))).isFalse();
            assertThat(OpenSslTool.ponged(OpenSslTool.sClient(port, certs, true, "-tls1_2"))).isTrue();
            // "" goes back to TLSv1.2 and TLSv1.3
            assertThat(cliTls(port, true, "CONFIG", "SET", "tls-protocols", "")).isEqualTo("OK");
            assertThat(OpenSslTool.ponged(OpenSslTool.sClient(port, certs, true, "-tls1_3"))).isTrue();
        }
    }

    @Test
    void sessionTicketsAreSentWithoutWaitingForARequest() throws Exception {
        // Redis (OpenSSL) sends them right after the handshake; a client with Nagle on needs some bytes
        // then, or its first command waits for a delayed ACK.
        try (TestServer s = start()) {
            assertThat(OpenSslTool.ticketsArriveUnasked(tlsPort(s), certs, java.time.Duration.ofSeconds(10))).isTrue();
        }
    }

    /** As from Redis, whose default is OpenSSL's DEFAULT list: a TLS 1.2 client offering only ChaCha20 connects. */
    @Test
    void theDefaultCiphersServeATls12ClientOfferingOnlyChaCha20() {
        try (TestServer s = start()) {
            String out = OpenSslTool.sClient(tlsPort(s), certs, true, "-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305");
            assertThat(OpenSslTool.ponged(out)).isTrue();
            assertThat(OpenSslTool.cipher(out)).isEqualTo("ECDHE-RSA-CHACHA20-POLY1305");
        }
    }

    @Test
    void excludedCipherIsRefused() {
        try (TestServer s = start("tls-protocols=TLSv1.2", "tls-ciphers=DEFAULT:-ECDHE-RSA-AES128-GCM-SHA256")) {
            int port = tlsPort(s);
            assertThat(OpenSslTool.ponged(OpenSslTool.sClient(port, certs, true, "-cipher",
                "ECDHE-RSA-AES128-GCM-SHA256"))).isFalse();
            String ok = OpenSslTool.sClient(port, certs, true, "-cipher", "ECDHE-RSA-AES256-GCM-SHA384");
            assertThat(OpenSslTool.ponged(ok)).isTrue();
            assertThat(OpenSslTool.cipher(ok)).isEqualTo("ECDHE-RSA-AES256-GCM-SHA384");
        }
    }

    @Test
    void serverCipherPreferenceIsHonouredWhenAsked() {
        String serverOrder = "tls-ciphers=ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384";
        String clientOrder = "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256";
        try (TestServer s = start("tls-protocols=TLSv1.2", serverOrder)) {
            int port = tlsPort(s);
            assertThat(OpenSslTool.cipher(OpenSslTool.sClient(port, certs, true, "-cipher", clientOrder)))
                .isEqualTo("ECDHE-RSA-AES256-GCM-SHA384");
            assertThat(cliTls(port, true, "CONFIG", "SET", "tls-prefer-server-ciphers", "yes")).isEqualTo("OK");
            assertThat(OpenSslTool.cipher(OpenSslTool.sClient(port, certs, true, "-cipher", clientOrder)))
                .isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        }
    }

    @Test
    void configSetReloadKeepsLiveConnectionsAndNewOnesSeeTheNewCertificate() throws Exception {
        Path dir = TestCerts.tempDir("rotate");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        X509Certificate first = certs.writeLeaf("Rotating", Usage.SERVER, cert, key, KeyFormat.PKCS8, null)
            .certificate();
        try (TestServer s = start("tls-cert-file=" + cert, "tls-key-file=" + key)) {
            int port = tlsPort(s);
            var ssl = TlsClients.context(certs.caCert, certs.clientCert, certs.clientKey);
            assertThat(TlsClients.serverCertificate(port, ssl).getSerialNumber()).isEqualTo(first.getSerialNumber());
            RedisClient client = lettuce(port);
            try (StatefulRedisConnection<String, String> live = client.connect()) {
                assertThat(live.sync().set("before", "1")).isEqualTo("OK");
                X509Certificate second = certs.writeLeaf("Rotating", Usage.SERVER, cert, key, KeyFormat.PKCS1, null)
                    .certificate();
                // Redis's way to rotate: set the same paths again
                assertThat(live.sync().configSet(java.util.Map.of("tls-cert-file", cert.toString(),
                    "tls-key-file", key.toString()))).isEqualTo("OK");
                assertThat(live.sync().get("before")).isEqualTo("1");
                assertThat(TlsClients.serverCertificate(port, ssl).getSerialNumber())
                    .isEqualTo(second.getSerialNumber());
                String info = live.sync().info("tls");
                assertThat(info).contains("tls_server_cert_serial:" + CertificateFacts.serial(second))
                    .contains("tls_generation:2").contains("tls_last_reload:CONFIG SET")
                    .contains("tls_engine:" + engine());
                assertThat(live.sync().clientInfo()).contains("transport=tls").contains("tls-generation=1")
                    .containsPattern("tls-protocol=TLSv1\\.[23]");

                // a broken replacement (key of another certificate) is refused and the old material stays
                certs.writeLeaf("Other", Usage.SERVER, dir.resolve("other.crt"), key, KeyFormat.PKCS1, null);
                assertThatThrownBy(() -> live.sync().configSet("tls-key-file", key.toString()))
                    .hasMessage("ERR CONFIG SET failed (possibly related to argument 'tls-key-file') - "
                        + "Unable to update TLS configuration. Check server logs.");
                assertThat(live.sync().ping()).isEqualTo("PONG");
                assertThat(TlsClients.serverCertificate(port, ssl).getSerialNumber())
                    .isEqualTo(second.getSerialNumber());
                assertThat(s.context().getBean(TlsReloader.class).lastFailure().reason())
                    .contains("does not match");
                assertThat(live.sync().info("tls")).contains("tls_generation:2")
                    .containsPattern("tls_last_failure:.*does not match");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void encryptedKeysNeedTheirPassphrase() {
        Path dir = TestCerts.tempDir("enc");
        for (KeyFormat format : new KeyFormat[] {KeyFormat.ENCRYPTED_LEGACY, KeyFormat.ENCRYPTED_PKCS8}) {
            Path cert = dir.resolve(format + ".crt");
            Path key = dir.resolve(format + ".key");
            certs.writeLeaf("Encrypted", Usage.SERVER, cert, key, format, "1234");
            assertThatThrownBy(() -> start("tls-cert-file=" + cert, "tls-key-file=" + key))
                .hasStackTraceContaining("the key is encrypted and tls-key-file-pass is not set");
            assertThatThrownBy(() -> start("tls-cert-file=" + cert, "tls-key-file=" + key, "tls-key-file-pass=wrong"))
                .hasStackTraceContaining("wrong tls-key-file-pass");
            try (TestServer s = start("tls-cert-file=" + cert, "tls-key-file=" + key, "tls-key-file-pass=1234")) {
                assertThat(cliTls(tlsPort(s), true, "PING")).isEqualTo("PONG");
            }
        }
    }

    @Test
    void caDirectoryWithHashNamedLinksAndPlainFiles() throws Exception {
        Path caDir = TestCerts.tempDir("cadir");
        Files.copy(certs.caCert, caDir.resolve("myca.pem"));
        Files.createSymbolicLink(caDir.resolve("1a2b3c4d.0"), caDir.resolve("myca.pem"));
        Files.writeString(caDir.resolve("README"), "not a certificate");
        try (TestServer s = start("tls-ca-cert-file=", "tls-ca-cert-dir=" + caDir)) {
            assertThat(cliTls(tlsPort(s), true, "PING")).isEqualTo("PONG");
        }
    }

    @Test
    void serverChainIsCompletedFromTheCaCertificatesForAClientTrustingOnlyTheRoot() {
        TestCerts.Chain c = TestCerts.chain(TestCerts.tempDir("chain"));
        try (TestServer s = start("tls-cert-file=" + c.leafCert(), "tls-key-file=" + c.leafKey(),
                "tls-ca-cert-file=" + c.intermediateAndRoot(), "tls-auth-clients=no")) {
            int port = tlsPort(s);
            assertThat(TlsClients.serverChain(port, TlsClients.context(c.rootCert(), null, null)))
                .containsExactly(c.leaf().certificate(), c.intermediate().certificate(), c.root().certificate());
            RedisTools.Result r = RedisTools.run(null, 30, "redis-cli", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "--tls", "--cacert", c.rootCert().toString(), "PING");
            assertThat((r.stdout() + r.stderr()).trim()).isEqualTo("PONG");
        }
    }

    @Test
    void combinedCertificateAndKeyFile() throws Exception {
        Path dir = TestCerts.tempDir("combined");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        certs.writeLeaf("Combined", Usage.SERVER, cert, key, KeyFormat.ENCRYPTED_PKCS8, "1234");
        Path combined = dir.resolve("combined.pem");
        Files.writeString(combined, Files.readString(cert) + Files.readString(key));
        try (TestServer s = start("tls-cert-file=" + combined, "tls-key-file=" + combined, "tls-key-file-pass=1234")) {
            assertThat(cliTls(tlsPort(s), true, "PING")).isEqualTo("PONG");
        }
    }

    @Test
    void expiredCaCertificatesAreLoadedButNoChainThroughThemVerifies() throws Exception {
        Path dir = TestCerts.tempDir("expired-ca");
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant past = now.minus(java.time.Duration.ofDays(10));
        java.time.Instant yesterday = now.minus(java.time.Duration.ofDays(1));
        // an expired root, and a valid root whose intermediate expired, beside the trusted test CA
        CertificateGenerator.Issued expiredRoot = CertificateGenerator.ca("O=Redoubt Test,CN=Expired Root",
            CertificateGenerator.rsa(2048), past, yesterday);
        CertificateGenerator.Issued byExpiredRoot = CertificateGenerator.leaf(expiredRoot,
            "O=Redoubt Test,CN=By Expired Root", CertificateGenerator.rsa(2048), Usage.CLIENT, now.minusSeconds(300),
            now.plus(java.time.Duration.ofDays(5)));
        Path byRootCert = dir.resolve("by-root.crt");
        Path byRootKey = dir.resolve("by-root.key");
        CertificateGenerator.writeCertificates(byRootCert, byExpiredRoot.certificate());
        CertificateGenerator.writeKey(byRootKey, byExpiredRoot.key(), KeyFormat.PKCS8, null);
        TestCerts.Chain c = TestCerts.chain(dir, past, yesterday);
        Path leafAndIntermediate = dir.resolve("leaf-and-intermediate.crt");
        CertificateGenerator.writeCertificates(leafAndIntermediate, c.leaf().certificate(),
            c.intermediate().certificate());
        Path bundle = dir.resolve("bundle.crt");
        CertificateGenerator.writeCertificates(bundle, expiredRoot.certificate(), c.intermediate().certificate(),
            c.root().certificate(), certs.ca.certificate());

        try (TestServer s = start("tls-ca-cert-file=" + bundle)) {
            int port = tlsPort(s);
            assertThat(cliTls(port, true, "PING")).isEqualTo("PONG");
            assertThat(s.context().getBean(TlsReloader.class).current().warnings())
                .anyMatch(w -> w.startsWith(bundle + ": CA certificate CN=Expired Root,O=Redoubt Test expired on "))
                .anyMatch(w -> w.startsWith(bundle + ": CA certificate CN=Chain Intermediate,O=Redoubt Test expired on "));
            for (Path[] pair : new Path[][] {{byRootCert, byRootKey}, {c.leafCert(), c.leafKey()},
                    {leafAndIntermediate, c.leafKey()}}) {
                String out = OpenSslTool.sClient(port, certs, false, "-cert", pair[0].toString(), "-key",
                    pair[1].toString());
                assertThat(OpenSslTool.ponged(out)).as("client certificate %s", pair[0].getFileName()).isFalse();
            }
            // and at runtime: CONFIG SET takes the bundle too
            assertThat(cliTls(port, true, "CONFIG", "SET", "tls-ca-cert-file", bundle.toString())).isEqualTo("OK");
            assertThat(cliTls(port, true, "INFO", "tls")).contains("tls_last_reload:CONFIG SET");
        }
    }

    @Test
    void emptyCaDirectoryBesideACaFileIsAccepted() throws Exception {
        Path empty = TestCerts.tempDir("empty-cadir");
        try (TestServer s = start("tls-ca-cert-dir=" + empty)) {
            assertThat(cliTls(tlsPort(s), true, "PING")).isEqualTo("PONG");
            assertThat(s.context().getBean(TlsReloader.class).current().warnings())
                .contains("tls-ca-cert-dir " + empty
                    + ": no CA certificate found in the directory (the certificates of tls-ca-cert-file are used)");
        }
    }

    @Test
    void lettuceAndJedisOverTls() {
        try (TestServer s = start()) {
            int port = tlsPort(s);
            RedisClient client = lettuce(port);
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                assertThat(c.sync().set("lettuce", "tls")).isEqualTo("OK");
            } finally {
                client.shutdown();
            }
            var ssl = TlsClients.context(certs.caCert, certs.clientCert, certs.clientKey);
            try (Jedis jedis = new Jedis("127.0.0.1", port, DefaultJedisClientConfig.builder().ssl(true)
                    .sslSocketFactory(ssl.getSocketFactory()).build())) {
                assertThat(jedis.get("lettuce")).isEqualTo("tls");
            }
        }
    }

    @Test
    void redisBenchmarkOverTls() {
        try (TestServer s = start()) {
            RedisTools.Result r = RedisTools.run(null, 120, "redis-benchmark", "-h", "127.0.0.1", "-p",
                Integer.toString(tlsPort(s)), "--tls", "--cacert", certs.caCert.toString(), "--cert",
                certs.clientCert.toString(), "--key", certs.clientKey.toString(), "-n", "2000", "-c", "5", "-t",
                "set,get", "--csv");
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).contains("\"SET\"").contains("\"GET\"");
        }
    }

    RedisClient lettuce(int port) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port).withSsl(true)
            .withVerifyPeer(SslVerifyMode.CA).build());
        client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().jdkSslProvider()
            .trustManager(certs.caCert.toFile())
            .keyManager(certs.clientCert.toFile(), certs.clientKey.toFile(), null).build()).build());
        return client;
    }
}
