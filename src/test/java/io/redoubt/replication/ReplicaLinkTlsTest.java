package io.redoubt.replication;

import static io.redoubt.replication.ReplicationProbe.awaitLinkUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.Http;
import io.redoubt.support.RawConnection;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import io.redoubt.tls.CertificateGenerator;
import io.redoubt.tls.CertificateGenerator.KeyFormat;
import io.redoubt.tls.CertificateGenerator.Usage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Redoubt to Redoubt over TLS with a password: masterauth, the replica and master flags in CLIENT LIST, and a
 * client certificate changed at runtime, which the next link presents (the TLS state is taken at connect time)
 * while the data continues with a partial resync.
 */
class ReplicaLinkTlsTest {
    @Test
    void linkAuthenticatesAndNewLinksPresentTheReloadedCertificate() throws Exception {
        TestCerts certs = TestCerts.shared();
        int tlsPort = TestServer.freePort();
        Path dir = TestCerts.tempDir("replica-client-cert");
        Path cert2 = dir.resolve("client2.crt");
        Path key2 = dir.resolve("client2.key");
        certs.writeLeaf("Client Two", Usage.CLIENT, cert2, key2, KeyFormat.PKCS8, null);
        try (TestServer master = TestServer.start(certs.serverDirectives(tlsPort, "requirepass=s3cret",
                 "repl-diskless-sync-delay=0"));
             TestServer replica = TestServer.start("tls-replication=yes", "tls-cert-file=" + certs.serverCert,
                 "tls-key-file=" + certs.serverKey, "tls-client-cert-file=" + certs.clientCert,
                 "tls-client-key-file=" + certs.clientKey, "tls-ca-cert-file=" + certs.caCert,
                 "masterauth=s3cret", "replicaof=127.0.0.1 " + tlsPort)) {
            int r = replica.port();
            awaitLinkUp(r);
            try (RawConnection m = new RawConnection(master.port())) {
                m.call("AUTH", "s3cret");
                writeSample(m, "tls:");
                assertThat((String) m.call("CLIENT", "LIST", "TYPE", "replica")).contains("flags=S");
            }
            assertThat((String) ReplicationProbe.call(r, "CLIENT", "LIST", "TYPE", "master")).contains("flags=M");
            assertThat(Http.get(replica, "/actuator/tls").json().get("replication").get("presentedCertificate")
                .asString()).contains("CN=Client,");

            try (RawConnection c = new RawConnection(r)) {
                assertThat(c.call("CONFIG", "SET", "tls-client-cert-file", cert2.toString(),
                    "tls-client-key-file", key2.toString())).isEqualTo("OK");
                assertThat(c.call("CLIENT", "KILL", "TYPE", "master")).isEqualTo(1L);
            }
            awaitLinkUp(r);
            ReplicationProbe.await("the new certificate on the new link", () -> Http.get(replica, "/actuator/tls")
                .json().get("replication").get("presentedCertificate").asString().contains("CN=Client Two"));
            try (RawConnection m = new RawConnection(master.port())) {
                m.call("AUTH", "s3cret");
                writeSample(m, "after:");
                assertThat(((String) m.call("INFO", "stats"))).contains("sync_partial_ok:1", "sync_full:1");
            }
            ReplicationProbe.await("the writes on the replica",
                () -> "v19".equals(ReplicationProbe.call(r, "GET", "after:19")));
            assertThat(ReplicationProbe.call(r, "LRANGE", "tls:list", "0", "-1")).isEqualTo(java.util.List.of("a", "b"));
        }
    }

    @Test
    void theReplicaSendsItsCertificateChainCompletedFromItsCaCertificates() throws Exception {
        TestCerts certs = TestCerts.shared();
        Path dir = TestCerts.tempDir("replica-chain");
        TestCerts.Chain chain = TestCerts.chain(dir);
        // the master trusts the chain's root only; the replica's certificate file holds only its leaf
        Path masterCas = dir.resolve("master-cas.crt");
        CertificateGenerator.writeCertificates(masterCas, certs.ca.certificate(), chain.root().certificate());
        Path replicaCas = dir.resolve("replica-cas.crt");
        CertificateGenerator.writeCertificates(replicaCas, chain.intermediate().certificate(),
            chain.root().certificate(), certs.ca.certificate());
        int tlsPort = TestServer.freePort();
        try (TestServer master = TestServer.start(certs.serverDirectives(tlsPort, "tls-ca-cert-file=" + masterCas,
                 "repl-diskless-sync-delay=0"));
             TestServer replica = TestServer.start("tls-replication=yes", "tls-cert-file=" + chain.leafCert(),
                 "tls-key-file=" + chain.leafKey(), "tls-ca-cert-file=" + replicaCas,
                 "replicaof=127.0.0.1 " + tlsPort)) {
            awaitLinkUp(replica.port());
            try (RawConnection m = new RawConnection(master.port())) {
                m.call("SET", "chained", "yes");
            }
            ReplicationProbe.await("the write on the replica",
                () -> "yes".equals(ReplicationProbe.call(replica.port(), "GET", "chained")));
        }
    }

    private static void writeSample(RawConnection m, String prefix) throws Exception {
        for (int i = 0; i < 20; i++) {
            m.call("SET", prefix + i, "v" + i);
        }
        m.call("RPUSH", prefix + "list", "a", "b");
    }
}
