package io.redoubt.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.TestCerts;
import io.redoubt.support.TlsClients;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * Builds the image from the Dockerfile and talks mutual TLS to it. Needs a Docker engine: skipped without
 * one (DockerfileTest checks the Dockerfile's text everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerImageTest {
    static final TestCerts CERTS = TestCerts.shared();
    static final String TLS_DIR = "/etc/redoubt/tls/";

    @Container
    static final GenericContainer<?> REDOUBT = new GenericContainer<>(
            new ImageFromDockerfile("redoubt-test", true).withDockerfile(Path.of("Dockerfile").toAbsolutePath()))
        .withCopyFileToContainer(MountableFile.forHostPath(CERTS.serverCert, 0444), TLS_DIR + "tls.crt")
        .withCopyFileToContainer(MountableFile.forHostPath(CERTS.serverKey, 0444), TLS_DIR + "tls.key")
        .withCopyFileToContainer(MountableFile.forHostPath(CERTS.caCert, 0444), TLS_DIR + "ca.crt")
        // the chart's TLS wiring, through environment variables this time
        .withEnv("REDOUBT_PORT", "0")
        .withEnv("REDOUBT_TLSPORT", "6380")
        .withEnv("REDOUBT_TLSCERTFILE", TLS_DIR + "tls.crt")
        .withEnv("REDOUBT_TLSKEYFILE", TLS_DIR + "tls.key")
        .withEnv("REDOUBT_TLSCACERTFILE", TLS_DIR + "ca.crt")
        .withEnv("REDOUBT_PROTECTEDMODE", "no")
        .withExposedPorts(6380)
        .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1).withStartupTimeout(Duration.ofMinutes(3)));

    @Test
    void answersPingOverMutualTls() throws Exception {
        SSLContext ctx = TlsClients.context(CERTS.caCert, CERTS.clientCert, CERTS.clientKey);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(REDOUBT.getHost(), REDOUBT.getMappedPort(6380))) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(7);
            assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void runsAsTheNonRootUserAndKeepsDataUnderData() throws Exception {
        assertThat(REDOUBT.execInContainer("id", "-u").getStdout().strip()).isEqualTo("10001");
        // no development certificates were generated: the image has no dev-certs-dir configuration
        assertThat(REDOUBT.getLogs()).doesNotContain("dev-certs");
        assertThat(REDOUBT.execInContainer("sh", "-c", "test -w /data && echo writable").getStdout()).contains("writable");
    }
}
