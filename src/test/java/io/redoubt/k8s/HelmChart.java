package io.redoubt.k8s;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.Map;

/** Renders helm/redoubt with helm-java (Helm's Go code through JNI: no helm binary needed). */
final class HelmChart {
    static final Path CHART = Path.of("helm", "redoubt").toAbsolutePath();
    static final String RELEASE = "redoubt";
    static final String NAMESPACE = "cache";

    private HelmChart() {
    }

    static String templateText(Map<String, Object> values, String... valuesFiles) {
        TemplateCommand t = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (String f : valuesFiles) {
            t = t.withValuesFile(CHART.resolve("ci").resolve(f));
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            t = t.set(e.getKey(), e.getValue());
        }
        return t.call();
    }

    static Rendered template(Map<String, Object> values, String... valuesFiles) {
        return Rendered.parse(templateText(values, valuesFiles));
    }
}
