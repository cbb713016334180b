package io.redoubt.k8s;

import static io.redoubt.k8s.Rendered.at;
import static io.redoubt.k8s.Rendered.container;
import static io.redoubt.k8s.Rendered.list;
import static io.redoubt.k8s.Rendered.map;
import static io.redoubt.k8s.Rendered.mapAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The plain manifests in k8s/ (no kustomize binary here: each file a kustomization lists is parsed) describe
 * the same objects as the chart's standalone render, and the TLS overlay the same as the cert-manager render.
 */
class KustomizeManifestsTest {
    static final Path BASE = Path.of("k8s", "base");
    static final Path TLS = Path.of("k8s", "overlays", "tls");

    @Test
    void baseNamesTheSameObjectsAsTheChartsStandaloneRender() throws IOException {
        Rendered base = Rendered.parseFiles(resourceFiles(BASE));
        Rendered chart = HelmChart.template(Map.of());
        assertThat(base.kindsAndNames()).isEqualTo(chart.kindsAndNames());
        // the same application.yml
        assertThat(Rendered.applicationYml(base.one("ConfigMap"))).isEqualTo(Rendered.applicationYml(chart.one("ConfigMap")));
        for (String svc : List.of("redoubt", "redoubt-headless")) {
            assertThat(HelmChartTest.servicePorts(base.named("Service", svc))).as(svc)
                .isEqualTo(HelmChartTest.servicePorts(chart.named("Service", svc)));
        }
        assertThat(at(base.one("StatefulSet"), "spec.serviceName")).isEqualTo(at(chart.one("StatefulSet"), "spec.serviceName"));
    }

    @Test
    void baseStatefulSetHasTheProbesAndSecurityContext() throws IOException {
        Map<String, Object> sts = Rendered.parseFiles(resourceFiles(BASE)).one("StatefulSet");
        Map<String, Object> pod = mapAt(sts, "spec.template.spec");
        Map<String, Object> c = container(sts);
        assertThat(at(c, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(at(c, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat(HelmChartTest.containerPort(c, String.valueOf(at(c, "readinessProbe.httpGet.port")))).isEqualTo(8080);
        assertThat(pod.get("enableServiceLinks")).isEqualTo(false);
        assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(pod, "securityContext.runAsUser")).isEqualTo(10001);
        assertThat(at(c, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(c, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(list(at(c, "securityContext.capabilities.drop"))).containsExactly("ALL");
        assertThat(HelmChartTest.mountPath(c, "tmp")).isEqualTo("/tmp");
        assertThat(HelmChartTest.mountPath(c, "data")).isEqualTo("/data");
        assertThat(at(sts, "spec.volumeClaimTemplates.0.metadata.name")).isEqualTo("data");
        assertThat(at(HelmChartTest.env(c, "SPRING_CONFIG_ADDITIONAL_LOCATION"), "value")).isEqualTo("/etc/redoubt/config/");
    }

    @Test
    void tlsOverlayNamesTheSameObjectsAsTheChartsCertManagerRender() throws IOException {
        Rendered overlay = Rendered.parseFiles(resourceFiles(TLS));
        Rendered chart = HelmChart.template(Map.of(), HelmChartTest.CERT_MANAGER);
        assertThat(overlay.kindsAndNames()).isEqualTo(chart.kindsAndNames());
        // every patch changes an object the overlay has
        for (Map<String, Object> patch : patches(TLS).objects) {
            assertThat(overlay.kindsAndNames()).contains(patch.get("kind") + "/" + at(patch, "metadata.name"));
        }
    }

    @Test
    void tlsOverlayWiresTheCertificateAsTheChartDoes() throws IOException {
        Rendered overlay = Rendered.parseFiles(resourceFiles(TLS));
        Rendered patches = patches(TLS);
        Rendered chart = HelmChart.template(Map.of(), HelmChartTest.CERT_MANAGER);

        assertThat(Rendered.applicationYml(patches.one("ConfigMap"))).isEqualTo(Rendered.applicationYml(chart.one("ConfigMap")));

        Map<String, Object> cert = overlay.one("Certificate");
        assertThat(list(at(cert, "spec.dnsNames"))).contains("redoubt", "redoubt-headless", "redoubt-0.redoubt-headless",
            "redoubt-0.redoubt-headless.default.svc", "redoubt-0.redoubt-headless.default.svc.cluster.local", "localhost");
        assertThat(list(at(cert, "spec.ipAddresses"))).contains("127.0.0.1");
        assertThat(list(at(cert, "spec.usages"))).contains("server auth", "client auth");
        assertThat(at(cert, "spec.secretName")).isEqualTo(at(chart.one("Certificate"), "spec.secretName"));

        Map<String, Object> pod = mapAt(patches.one("StatefulSet"), "spec.template.spec");
        Map<String, Object> tlsVolume = HelmChartTest.volume(pod, "tls");
        assertThat(at(tlsVolume, "secret.secretName")).isEqualTo(at(cert, "spec.secretName"));
        Map<String, Object> c = mapAt(pod, "containers.0");
        assertThat(list(c.get("volumeMounts"))).allSatisfy(m -> assertThat(map(m)).doesNotContainKey("subPath"));
        assertThat(HelmChartTest.mountPath(c, "tls")).isEqualTo("/etc/redoubt/tls");
        assertThat(HelmChartTest.containerPort(c, "redis-tls")).isEqualTo(6380);
        for (Map<String, Object> svc : patches.all("Service")) {
            assertThat(HelmChartTest.servicePorts(svc)).contains("redis-tls");
        }
    }

    /** Resource files of a kustomization, following directories (other kustomizations) recursively. */
    static List<Path> resourceFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Object r : list(kustomization(dir).get("resources"))) {
            Path p = dir.resolve(String.valueOf(r)).normalize();
            assertThat(p).exists();
            if (Files.isDirectory(p)) {
                out.addAll(resourceFiles(p));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    static Rendered patches(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Object p : list(kustomization(dir).get("patches"))) {
            Path f = dir.resolve(String.valueOf(map(p).get("path")));
            assertThat(f).exists();
            files.add(f);
        }
        return Rendered.parseFiles(files);
    }

    static Map<String, Object> kustomization(Path dir) throws IOException {
        Map<String, Object> k = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(dir.resolve("kustomization.yaml"))));
        assertThat(k.get("kind")).isEqualTo("Kustomization");
        return k;
    }
}
