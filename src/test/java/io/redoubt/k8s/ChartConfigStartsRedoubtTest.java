package io.redoubt.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.RedoubtApplication;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import io.redoubt.support.TlsClients;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application.yml the chart renders is one Redoubt accepts: a server started with it (as the pod does,
 * through spring.config.additional-location) serves mutual TLS from the files the Secret mount provides.
 */
class ChartConfigStartsRedoubtTest {
    @TempDir
    Path tmp;

    @Test
    void renderedConfigServesMutualTls() throws Exception {
        TestCerts certs = TestCerts.shared();
        // the Secret's directory, as cert-manager fills it (tls.crt, tls.key, ca.crt)
        Path tlsDir = Files.createDirectories(tmp.resolve("tls"));
        Files.copy(certs.serverCert, tlsDir.resolve("tls.crt"));
        Files.copy(certs.serverKey, tlsDir.resolve("tls.key"));
        Files.copy(certs.caCert, tlsDir.resolve("ca.crt"));
        int tlsPort = TestServer.freePort();
        Rendered r = HelmChart.template(Map.of("tls.mountPath", tlsDir.toString(), "ports.tls", tlsPort,
                "redisConf", "maxclients 200\n"),
            HelmChartTest.CERT_MANAGER);
        Path configDir = Files.createDirectories(tmp.resolve("config"));
        // the ConfigMap's files, as the pod sees them in /etc/redoubt/config
        for (Map.Entry<String, Object> file : Rendered.mapAt(r.one("ConfigMap"), "data").entrySet()) {
            Files.writeString(configDir.resolve(file.getKey()), String.valueOf(file.getValue()));
        }
        // the chart points config-file at the pod's path; here the files are elsewhere
        String yml = Files.readString(configDir.resolve("application.yml"));
        Files.writeString(configDir.resolve("application.yml"),
            yml.replace("/etc/redoubt/config/redis.conf", configDir.resolve("redis.conf").toString()));

        try (ConfigurableApplicationContext ctx = RedoubtApplication.start(
                "--spring.config.location=classpath:/application.yml",
                "--spring.config.additional-location=" + configDir + "/",
                // the pod's /data and management port, moved out of the way of other tests
                "--redoubt.dir=" + tmp, "--redoubt.bind=127.0.0.1", "--management.server.port=0")) {
            var ssl = TlsClients.context(certs.caCert, certs.clientCert, certs.clientKey);
            try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
                s.setSoTimeout(10_000);
                String reply = roundTrip(s, "*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$13\r\ntls-cert-file\r\n");
                assertThat(reply).contains(tlsDir.resolve("tls.crt").toString());
                assertThat(roundTrip(s, "*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$4\r\nport\r\n")).endsWith("$1\r\n0\r\n");
                assertThat(roundTrip(s, "*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$16\r\ntls-auth-clients\r\n")).endsWith("$3\r\nyes\r\n");
                // from the redis.conf beside it
                assertThat(roundTrip(s, "*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$10\r\nmaxclients\r\n")).endsWith("$3\r\n200\r\n");
            }
        }
    }

    private static String roundTrip(SSLSocket s, String command) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(command.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        StringBuilder sb = new StringBuilder();
        // CONFIG GET of one directive: *2, two bulks; read until both have arrived
        while (sb.chars().filter(c -> c == '\n').count() < 5) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            sb.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        }
        return sb.toString();
    }
}
