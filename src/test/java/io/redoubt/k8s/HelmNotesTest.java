package io.redoubt.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NOTES.txt, as a client-only dry-run install prints it. */
class HelmNotesTest {
    static String notes(Map<String, Object> values, String... valuesFiles) {
        InstallCommand install = new Helm(HelmChart.CHART).install().withName(HelmChart.RELEASE)
            .withNamespace(HelmChart.NAMESPACE).clientOnly().withDryRunOption(DryRun.CLIENT);
        for (String f : valuesFiles) {
            install = install.withValuesFile(HelmChart.CHART.resolve("ci").resolve(f));
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            install = install.set(e.getKey(), e.getValue());
        }
        return install.call().getOutput();
    }

    @Test
    void tellsHowToConnectWithRedisCliOverTlsAndWatchTheCertificate() {
        String notes = notes(Map.of(), HelmChartTest.CERT_MANAGER);
        assertThat(notes)
            .contains("kubectl -n cache port-forward svc/redoubt 6380")
            .contains("get secret redoubt-tls -o jsonpath='{.data.ca\\.crt}' | base64 -d > ca.crt")
            .contains("redis-cli --tls -h 127.0.0.1 -p 6380 --cacert ca.crt --cert client.crt --key client.key ping")
            .contains("/actuator/tls")
            .contains("no pod restarts")
            .doesNotContain("WARNING");
    }

    @Test
    void warnsWhenOnlyLoopbackClientsWillBeServed() {
        assertThat(notes(Map.of())).contains("WARNING").contains("protected-mode").contains("redis-cli -h 127.0.0.1 -p 6379");
    }
}
