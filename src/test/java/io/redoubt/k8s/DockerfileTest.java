package io.redoubt.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Dockerfile read as text: stages, user, ports, layered extraction, and no development configuration. */
class DockerfileTest {
    record Instruction(String keyword, String args) {
    }

    /** Instructions per stage, in order; continuation lines joined, comments dropped. */
    static List<List<Instruction>> stages() throws IOException {
        List<List<Instruction>> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : Files.readAllLines(Path.of("Dockerfile"))) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            String full = pending.append(line).toString().strip();
            pending.setLength(0);
            if (full.isEmpty()) {
                continue;
            }
            String[] parts = full.split("\\s+", 2);
            Instruction i = new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : "");
            if (i.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            stages.get(stages.size() - 1).add(i);
        }
        return stages;
    }

    static List<String> args(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).collect(Collectors.toList());
    }

    @Test
    void buildsWithTheWrapperOnAJdkAndRunsOnAJre() throws IOException {
        List<List<Instruction>> stages = stages();
        assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
        List<Instruction> build = stages.get(0);
        List<Instruction> run = stages.get(stages.size() - 1);
        assertThat(args(build, "FROM").get(0)).startsWith("eclipse-temurin:17-jdk").endsWith("AS build");
        assertThat(args(run, "FROM").get(0)).isEqualTo("eclipse-temurin:17-jre");
        assertThat(String.join("\n", args(build, "RUN"))).contains("./mvnw").contains("package");
    }

    @Test
    void extractsTheLayeredJarAndCopiesEachLayer() throws IOException {
        List<List<Instruction>> stages = stages();
        String buildRuns = String.join("\n", args(stages.get(0), "RUN"));
        assertThat(buildRuns).contains("java -Djarmode=tools -jar target/redoubt.jar extract --layers --launcher");
        List<String> copies = args(stages.get(stages.size() - 1), "COPY");
        // Spring Boot's default layers, least to most often changed
        List<String> layers = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        List<String> copied = copies.stream().filter(c -> c.startsWith("--from=build"))
            .map(c -> c.replaceAll(".*/layers/([^/ ]+)/.*", "$1")).toList();
        assertThat(copied).containsExactlyElementsOf(layers);
        String entrypoint = args(stages.get(stages.size() - 1), "ENTRYPOINT").get(0);
        assertThat(entrypoint).contains("org.springframework.boot.loader.launch.JarLauncher");
    }

    @Test
    void theChartStartsReplicasWithTheImagesMainClass() throws IOException {
        List<List<Instruction>> stages = stages();
        String entrypoint = args(stages.get(stages.size() - 1), "ENTRYPOINT").get(0);
        String mainClass = entrypoint.replaceAll(".*\"(org\\.springframework[^\"]+)\".*", "$1");
        String script = String.valueOf(Rendered.list(Rendered.at(
            Rendered.container(HelmChart.template(Map.of(), HelmChartTest.REPLICATION).one("StatefulSet")), "args")).get(0));
        assertThat(script).contains("exec java " + mainClass + " ");
    }

    @Test
    void runsAsAFixedNonRootUser() throws IOException {
        List<Instruction> run = stages().get(stages().size() - 1);
        List<String> users = args(run, "USER");
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).isEqualTo("10001").isNotIn("0", "root");
        // the last USER comes after every RUN, so nothing runs as root at run time
        assertThat(run.indexOf(run.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b).orElseThrow()))
            .isGreaterThan(run.lastIndexOf(run.stream().filter(i -> i.keyword().equals("RUN")).reduce((a, b) -> b).orElseThrow()));
    }

    @Test
    void exposesClientTlsClusterBusAndManagementPorts() throws IOException {
        List<Instruction> run = stages().get(stages().size() - 1);
        List<String> ports = args(run, "EXPOSE").stream().flatMap(a -> Arrays.stream(a.split("\\s+"))).toList();
        assertThat(ports).contains("6379", "6380", "16379", "8080");
    }

    @Test
    void dataAndConfigurationLiveOutsideTheImage() throws IOException {
        List<Instruction> run = stages().get(stages().size() - 1);
        String env = String.join(" ", args(run, "ENV"));
        assertThat(env).contains("REDOUBT_DIR=/data").contains("SPRING_CONFIG_ADDITIONAL_LOCATION=optional:/etc/redoubt/config/");
        assertThat(String.join(" ", args(run, "VOLUME"))).contains("/data");
    }

    @Test
    void shipsNoDevelopmentConfiguration() throws IOException {
        String text = Files.readString(Path.of("Dockerfile"));
        List<String> instructions = stages().stream().flatMap(List::stream).map(i -> i.keyword() + " " + i.args()).toList();
        // the top-level application.yml sets redoubt.dev-certs-dir: production never generates certificates
        assertThat(instructions).noneSatisfy(i -> assertThat(i).containsIgnoringCase("dev-certs"));
        assertThat(instructions).filteredOn(i -> i.startsWith("COPY") || i.startsWith("ADD"))
            .noneSatisfy(i -> assertThat(i).matches("(COPY|ADD) (\\. |application\\.yml|.*\\sapplication\\.yml).*"));
        assertThat(text).doesNotContainPattern("(?i)DEVCERTSDIR|dev-certs-dir=");
        // and the build context cannot carry it in: .dockerignore lets only the build inputs through
        List<String> ignore = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignore.get(0)).isEqualTo("*");
        assertThat(ignore).filteredOn(l -> l.startsWith("!"))
            .allSatisfy(l -> assertThat(l).isIn("!.mvn/", "!mvnw", "!pom.xml", "!src/"));
    }
}
