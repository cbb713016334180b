package io.redoubt.k8s;

import static io.redoubt.k8s.Rendered.at;
import static io.redoubt.k8s.Rendered.container;
import static io.redoubt.k8s.Rendered.list;
import static io.redoubt.k8s.Rendered.map;
import static io.redoubt.k8s.Rendered.mapAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** helm lint and helm template of helm/redoubt, through helm-java; the output is parsed and checked. */
class HelmChartTest {
    static final String CERT_MANAGER = "tls-certmanager-values.yaml";
    static final String EXISTING_SECRET = "tls-existing-secret-values.yaml";
    static final String REPLICATION = "replication-values.yaml";

    @Test
    void lintPasses() {
        LintResult lint = new Helm(HelmChart.CHART).lint().call();
        assertThat(lint.isFailed()).as("helm lint: %s", lint.getMessages()).isFalse();
    }

    @Test
    void standaloneDefaultsRenderOnePodWithoutTls() {
        Rendered r = HelmChart.template(Map.of());
        assertThat(r.kindsAndNames()).containsExactly("ConfigMap/redoubt", "PodDisruptionBudget/redoubt",
            "Service/redoubt", "Service/redoubt-headless", "StatefulSet/redoubt");
        Map<String, Object> sts = r.one("StatefulSet");
        assertThat(at(sts, "spec.replicas")).isEqualTo(1);
        assertThat(at(sts, "spec.serviceName")).isEqualTo("redoubt-headless");
        Map<String, Object> redoubt = redoubtConfig(r);
        assertThat(redoubt).containsEntry("port", 6379).containsEntry("dir", "/data").doesNotContainKey("tls-port");
        // no password and no mutual TLS: Redis's safe default stays
        assertThat(redoubt.get("protected-mode")).isEqualTo("yes");
        assertThat(r.named("Service", "redoubt-headless").get("spec")).extracting(s -> map(s).get("clusterIP")).isEqualTo("None");
    }

    @Test
    void podIsLockedDown() {
        Map<String, Object> pod = mapAt(HelmChart.template(Map.of(), CERT_MANAGER).one("StatefulSet"), "spec.template.spec");
        assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(pod, "securityContext.runAsUser")).isEqualTo(10001);
        assertThat(at(pod, "securityContext.fsGroup")).isEqualTo(10001);
        // a Service named redoubt would otherwise inject REDOUBT_PORT=tcp://..., read as the port directive
        assertThat(pod.get("enableServiceLinks")).isEqualTo(false);
        Map<String, Object> c = mapAt(pod, "containers.0");
        assertThat(at(c, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(c, "securityContext.runAsUser")).isEqualTo(10001);
        assertThat(at(c, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(c, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(list(at(c, "securityContext.capabilities.drop"))).containsExactly("ALL");
        assertThat(mountPath(c, "tmp")).isEqualTo("/tmp");
        assertThat(volume(pod, "tmp")).containsKey("emptyDir");
        assertThat(mountPath(c, "data")).isEqualTo("/data");
    }

    @Test
    void probesUseTheActuatorOnTheManagementPort() {
        Rendered r = HelmChart.template(Map.of(), CERT_MANAGER);
        Map<String, Object> c = container(r.one("StatefulSet"));
        assertThat(at(c, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(at(c, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat(at(c, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(containerPort(c, String.valueOf(at(c, probe + ".httpGet.port")))).isEqualTo(8080);
        }
        assertThat(at(r.one("ConfigMap"), "data")).isNotNull();
        assertThat(at(Rendered.applicationYml(r.one("ConfigMap")), "management.server.port")).isEqualTo(8080);
    }

    @Test
    void certManagerCertificateCoversEveryNameAndIsMountedAsADirectory() {
        Rendered r = HelmChart.template(Map.of(), CERT_MANAGER);
        Map<String, Object> cert = r.one("Certificate");
        assertThat(at(cert, "apiVersion")).isEqualTo("cert-manager.io/v1");
        assertThat(list(at(cert, "spec.dnsNames"))).contains(
            "redoubt", "redoubt.cache.svc", "redoubt.cache.svc.cluster.local",
            "redoubt-headless", "redoubt-headless.cache.svc.cluster.local",
            "redoubt-0.redoubt-headless.cache.svc", "redoubt-0.redoubt-headless.cache.svc.cluster.local",
            "localhost");
        assertThat(list(at(cert, "spec.ipAddresses"))).contains("127.0.0.1");
        assertThat(list(at(cert, "spec.usages"))).contains("server auth", "client auth");
        assertThat(at(cert, "spec.issuerRef.name")).isEqualTo("redoubt-ca");
        assertThat(at(cert, "spec.issuerRef.kind")).isEqualTo("Issuer");
        assertThat(at(cert, "spec.issuerRef.group")).isEqualTo("cert-manager.io");
        assertThat(at(cert, "spec.duration")).isEqualTo("2160h");
        assertThat(at(cert, "spec.renewBefore")).isEqualTo("360h");
        assertThat(at(cert, "spec.privateKey.algorithm")).isEqualTo("ECDSA");

        Map<String, Object> sts = r.one("StatefulSet");
        String secret = String.valueOf(at(cert, "spec.secretName"));
        assertTlsSecretMountedAsDirectory(sts, secret);
        assertThat(redoubtConfig(r)).containsEntry("tls-port", 6380).containsEntry("port", 0)
            .containsEntry("tls-cert-file", "/etc/redoubt/tls/tls.crt")
            .containsEntry("tls-key-file", "/etc/redoubt/tls/tls.key")
            .containsEntry("tls-ca-cert-file", "/etc/redoubt/tls/ca.crt")
            .containsEntry("tls-auth-clients", "yes")
            .containsEntry("tls-auto-reload", true)
            // mutual TLS is the only way in, so clients from other pods must not be refused
            .containsEntry("protected-mode", "no");
        assertThat(servicePorts(r.named("Service", "redoubt"))).containsExactly("redis-tls");
        assertThat(containerPort(container(sts), "redis-tls")).isEqualTo(6380);
    }

    @Test
    void existingSecretKeysAreWiredToTheTlsDirectives() {
        Rendered r = HelmChart.template(Map.of("tls.dhParamsFilename", "dh.pem", "tls.authClients", "optional"), EXISTING_SECRET);
        assertThat(r.all("Certificate")).isEmpty();
        assertTlsSecretMountedAsDirectory(r.one("StatefulSet"), "redoubt-server-tls");
        assertThat(redoubtConfig(r))
            .containsEntry("tls-cert-file", "/etc/redoubt/tls/server.pem")
            .containsEntry("tls-key-file", "/etc/redoubt/tls/server-key.pem")
            .containsEntry("tls-ca-cert-file", "/etc/redoubt/tls/ca.pem")
            .containsEntry("tls-dh-params-file", "/etc/redoubt/tls/dh.pem")
            .containsEntry("tls-auth-clients", "optional")
            // client certificates are optional: without a password only loopback clients are served
            .containsEntry("protected-mode", "yes");
    }

    @Test
    void theTlsSecretHasNoChecksumAnnotation() {
        for (String values : List.of(CERT_MANAGER, EXISTING_SECRET, REPLICATION)) {
            Rendered r = HelmChart.template(Map.of(), values);
            Object annotations = at(r.one("StatefulSet"), "spec.template.metadata.annotations");
            Map<String, Object> a = annotations == null ? Map.of() : map(annotations);
            // a checksum of the Secret would restart the pods at every renewal: only the config's is allowed
            assertThat(a.keySet()).as(values).allSatisfy(k -> assertThat(k).doesNotContainIgnoringCase("tls").doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("cert"));
            assertThat(a.keySet()).filteredOn(k -> k.startsWith("checksum/")).containsExactly("checksum/config");
        }
    }

    @Test
    void replicationPreparesReplicasOfPodZeroOverTls() throws Exception {
        Rendered r = HelmChart.template(Map.of(), REPLICATION);
        Map<String, Object> sts = r.one("StatefulSet");
        assertThat(at(sts, "spec.replicas")).isEqualTo(3);
        assertThat(redoubtConfig(r)).containsEntry("tls-replication", "yes");
        assertThat(list(at(r.one("Certificate"), "spec.dnsNames"))).contains(
            "redoubt-0.redoubt-headless.cache.svc.cluster.local",
            "redoubt-1.redoubt-headless.cache.svc.cluster.local",
            "redoubt-2.redoubt-headless.cache.svc.cluster.local", "redoubt-2.redoubt-headless.cache.svc",
            "localhost");
        assertThat(at(r.one("Certificate"), "spec.issuerRef.kind")).isEqualTo("ClusterIssuer");
        // the client Service is the master's
        assertThat(at(r.named("Service", "redoubt"), "spec.selector")).extracting(s -> map(s).get("statefulset.kubernetes.io/pod-name"))
            .isEqualTo("redoubt-0");
        String script = String.valueOf(list(at(container(sts), "args")).get(0));
        assertThat(script).contains("replicaof", "redoubt-0.redoubt-headless.cache.svc.cluster.local 6380");
        assertThat(runStartScript(script, "redoubt-0")).isEqualTo("");
        assertThat(runStartScript(script, "redoubt-2"))
            .isEqualTo("--redoubt.replicaof=redoubt-0.redoubt-headless.cache.svc.cluster.local 6380");
    }

    @Test
    void replicasAuthenticateToTheMasterWithThePassword() throws Exception {
        Rendered r = HelmChart.template(Map.of("auth.enabled", true, "auth.existingSecret", "pw", "auth.existingSecretPasswordKey", "pass"), REPLICATION);
        Map<String, Object> c = container(r.one("StatefulSet"));
        Map<String, Object> env = env(c, "REDOUBT_REQUIREPASS");
        assertThat(at(env, "valueFrom.secretKeyRef.name")).isEqualTo("pw");
        assertThat(at(env, "valueFrom.secretKeyRef.key")).isEqualTo("pass");
        assertThat(r.all("Secret")).isEmpty();
        String script = String.valueOf(list(at(c, "args")).get(0));
        assertThat(runStartScript(script, "redoubt-1")).endsWith("--redoubt.masterauth=s3cret");
    }

    @Test
    void authPasswordBecomesASecretReadAsRequirepass() {
        Rendered r = HelmChart.template(Map.of("auth.enabled", true, "auth.password", "hunter2"));
        Map<String, Object> secret = r.named("Secret", "redoubt-auth");
        assertThat(at(secret, "data.redis-password")).isEqualTo("aHVudGVyMg==");
        Map<String, Object> env = env(container(r.one("StatefulSet")), "REDOUBT_REQUIREPASS");
        assertThat(at(env, "valueFrom.secretKeyRef.name")).isEqualTo("redoubt-auth");
        assertThat(at(env, "valueFrom.secretKeyRef.key")).isEqualTo("redis-password");
    }

    @Test
    void serviceMonitorScrapesThePrometheusEndpoint() {
        Rendered r = HelmChart.template(Map.of("metrics.serviceMonitor.enabled", true), CERT_MANAGER);
        Map<String, Object> sm = r.one("ServiceMonitor");
        assertThat(at(sm, "spec.endpoints.0.path")).isEqualTo("/actuator/prometheus");
        assertThat(at(sm, "spec.endpoints.0.port")).isEqualTo("http-management");
        Map<String, Object> wanted = mapAt(sm, "spec.selector.matchLabels");
        List<Map<String, Object>> selected = r.all("Service").stream()
            .filter(s -> mapAt(s, "metadata.labels").entrySet().containsAll(wanted.entrySet())).toList();
        assertThat(selected).hasSize(1);
        assertThat(servicePorts(selected.get(0))).contains("http-management");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sentinel", "cluster"})
    void plannedModesFailWithAClearMessage(String mode) {
        assertThatThrownBy(() -> HelmChart.templateText(Map.of("mode", mode)))
            .hasMessageContaining("mode=" + mode + " is not available yet")
            .hasMessageContaining("standalone or mode=replication");
    }

    @Test
    void tlsWithoutACertificateSourceFails() {
        assertThatThrownBy(() -> HelmChart.templateText(Map.of("tls.enabled", true)))
            .hasMessageContaining("tls.existingSecret").hasMessageContaining("tls.certManager.enabled");
        assertThatThrownBy(() -> HelmChart.templateText(Map.of("tls.enabled", true, "tls.certManager.enabled", true)))
            .hasMessageContaining("issuerRef.name");
        assertThatThrownBy(() -> HelmChart.templateText(Map.of("auth.enabled", true)))
            .hasMessageContaining("auth.existingSecret");
    }

    @Test
    void userConfigIsKeptButTheChartsWiringWins() {
        Rendered r = HelmChart.template(Map.of("config.redoubt.maxclients", 500, "config.redoubt.tls-cert-file", "/elsewhere.crt"), CERT_MANAGER);
        assertThat(redoubtConfig(r)).containsEntry("maxclients", 500).containsEntry("tls-cert-file", "/etc/redoubt/tls/tls.crt");
        Map<String, Object> c = container(r.one("StatefulSet"));
        assertThat(at(env(c, "SPRING_CONFIG_ADDITIONAL_LOCATION"), "value")).isEqualTo("/etc/redoubt/config/");
        assertThat(mountPath(c, "config")).isEqualTo("/etc/redoubt/config");
    }

    @Test
    void aRedisConfIsMountedBesideTheApplicationYml() {
        Rendered r = HelmChart.template(Map.of("redisConf", "maxclients 200\nhz 20\n"));
        assertThat(mapAt(r.one("ConfigMap"), "data").get("redis.conf")).isEqualTo("maxclients 200\nhz 20\n");
        assertThat(redoubtConfig(r)).containsEntry("config-file", "/etc/redoubt/config/redis.conf");
        assertThat(mountPath(container(r.one("StatefulSet")), "config")).isEqualTo("/etc/redoubt/config");
        assertThat(redoubtConfig(HelmChart.template(Map.of()))).doesNotContainKey("config-file");
    }

    @Test
    void optionsRenderValidObjects() {
        Rendered noPvc = HelmChart.template(Map.of("persistence.enabled", false, "podAntiAffinityPreset", "hard"));
        Map<String, Object> sts = noPvc.one("StatefulSet");
        assertThat(sts).extracting(o -> at(o, "spec.volumeClaimTemplates")).isNull();
        assertThat(volume(mapAt(sts, "spec.template.spec"), "data")).containsKey("emptyDir");
        assertThat(at(sts, "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution.0.topologyKey"))
            .isEqualTo("kubernetes.io/hostname");

        Rendered both = HelmChart.template(Map.of("tls.plainPort", true, "pdb.create", false), EXISTING_SECRET);
        assertThat(both.all("PodDisruptionBudget")).isEmpty();
        assertThat(servicePorts(both.named("Service", "redoubt"))).containsExactly("redis", "redis-tls");
        // a plain-text port is open, so without a password protected mode stays on
        assertThat(redoubtConfig(both)).containsEntry("port", 6379).containsEntry("tls-port", 6380).containsEntry("protected-mode", "yes");
    }

    // ---- helpers

    static Map<String, Object> redoubtConfig(Rendered r) {
        return mapAt(Rendered.applicationYml(r.one("ConfigMap")), "redoubt");
    }

    static void assertTlsSecretMountedAsDirectory(Map<String, Object> sts, String secretName) {
        Map<String, Object> pod = mapAt(sts, "spec.template.spec");
        List<String> secretVolumes = new ArrayList<>();
        for (Object v : list(pod.get("volumes"))) {
            if (secretName.equals(at(v, "secret.secretName"))) {
                secretVolumes.add(String.valueOf(map(v).get("name")));
            }
        }
        assertThat(secretVolumes).as("volumes of Secret %s", secretName).hasSize(1);
        List<Object> mounts = list(at(pod, "containers.0.volumeMounts")).stream()
            .filter(m -> secretVolumes.contains(map(m).get("name"))).toList();
        assertThat(mounts).hasSize(1);
        // subPath mounts are never updated by the kubelet: renewals would not reach the server
        assertThat(map(mounts.get(0))).doesNotContainKey("subPath").containsEntry("mountPath", "/etc/redoubt/tls");
        assertThat(list(at(pod, "containers.0.volumeMounts"))).noneSatisfy(m -> assertThat(map(m)).containsKey("subPath"));
    }

    static String mountPath(Map<String, Object> container, String volume) {
        return list(container.get("volumeMounts")).stream().filter(m -> volume.equals(map(m).get("name")))
            .map(m -> String.valueOf(map(m).get("mountPath"))).findFirst().orElse(null);
    }

    static Map<String, Object> volume(Map<String, Object> podSpec, String name) {
        return list(podSpec.get("volumes")).stream().map(Rendered::map).filter(v -> name.equals(v.get("name")))
            .findFirst().orElseThrow(() -> new AssertionError("no volume " + name));
    }

    static Object containerPort(Map<String, Object> container, String name) {
        return list(container.get("ports")).stream().map(Rendered::map).filter(p -> name.equals(p.get("name")))
            .map(p -> p.get("containerPort")).findFirst().orElseThrow(() -> new AssertionError("no port " + name));
    }

    static List<String> servicePorts(Map<String, Object> service) {
        return list(at(service, "spec.ports")).stream().map(p -> String.valueOf(map(p).get("name"))).toList();
    }

    static Map<String, Object> env(Map<String, Object> container, String name) {
        return list(container.get("env")).stream().map(Rendered::map).filter(e -> name.equals(e.get("name")))
            .findFirst().orElseThrow(() -> new AssertionError("no env " + name));
    }

    @TempDir
    Path bin;

    /** Runs the replication start script with a stand-in java that prints the arguments after the main class. */
    String runStartScript(String script, String podName) throws Exception {
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nshift\nprintf '%s' \"$*\"\n");
        java.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-ec", script).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("POD_NAME", podName);
        pb.environment().put("REDOUBT_REQUIREPASS", "s3cret");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
