package io.redoubt.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration error stops Redoubt before it listens: exit status 1 and exactly one line on standard
 * error naming the directive and where it was written, with no stack trace anywhere.
 */
class StartupFailureTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Runs Redoubt with the given arguments (after the test defaults) and returns its one stderr line. */
    private static String failure(List<String> args, Map<String, String> env) {
        List<String> all = new ArrayList<>(List.of("--spring.config.location=classpath:/application.yml",
            "--redoubt.bind=127.0.0.1", "--redoubt.port=0"));
        all.addAll(args);
        try (ChildJvm child = ChildJvm.start(all, env)) {
            assertThat(child.awaitExit(60)).isEqualTo(1);
            String out = child.stdout() + child.stderr();
            assertThat(out).doesNotContain("\tat ", "Exception", "APPLICATION FAILED TO START", "Ready to accept");
            return child.stderr();
        }
    }

    @Test
    void unknownDirectiveInRedisConf() throws IOException {
        Path conf = write("redis.conf", "# comment\nfoo bar\n");
        assertThat(failure(List.of("--redoubt.config-file=" + conf), Map.of()))
            .isEqualTo("*** Redoubt could not start: Bad directive 'foo' at " + conf + ":2: Bad directive or wrong number of arguments\n");
    }

    @Test
    void badValueInAnIncludedRedisConf() throws IOException {
        Path included = write("included.conf", "\nport abc\n");
        Path conf = write("redis.conf", "hz 20\ninclude " + included + "\n");
        assertThat(failure(List.of("--redoubt.config-file=" + conf), Map.of()))
            .isEqualTo("*** Redoubt could not start: Bad directive 'port' at " + included + ":2: argument couldn't be parsed into an integer\n");
    }

    @Test
    void ioThreadsOutOfRedisRange() throws IOException {
        Path conf = write("redis.conf", "io-threads 129\n");
        assertThat(failure(List.of("--redoubt.config-file=" + conf), Map.of()))
            .isEqualTo("*** Redoubt could not start: Bad directive 'io-threads' at " + conf + ":1: argument must be between 1 and 128 inclusive\n");
    }

    @Test
    void unknownDirectiveInApplicationProperties() throws IOException {
        Path yml = write("test.yml", "redoubt:\n  port: 0\n  maxclient: 10\n");
        assertThat(failure(List.of("--spring.config.location=file:" + yml), Map.of()))
            .isEqualTo("*** Redoubt could not start: Bad directive 'maxclient' in property redoubt.maxclient at " + yml + ":3: no such directive\n");
    }

    @Test
    void badValueOnTheCommandLine() {
        assertThat(failure(List.of("--redoubt.maxclients=lots"), Map.of()))
            .isEqualTo("*** Redoubt could not start: Bad directive 'maxclients' in command-line argument --redoubt.maxclients: argument couldn't be parsed into an integer\n");
    }

    @Test
    void badValueInTheEnvironment() {
        assertThat(failure(List.of(), Map.of("REDOUBT_MAXCLIENTS", "0")))
            .isEqualTo("*** Redoubt could not start: Bad directive 'maxclients' in environment variable REDOUBT_MAXCLIENTS: argument must be between 1 and 4294967295 inclusive\n");
    }

    @Test
    void severalArgumentsForADirectiveTakingOneInRedisConf() throws IOException {
        Path conf = write("redis.conf", "hz 20\ntls-protocols TLSv1.2 TLSv1.3\n");
        assertThat(failure(List.of("--redoubt.config-file=" + conf), Map.of()))
            .isEqualTo("*** Redoubt could not start: Bad directive 'tls-protocols' at " + conf + ":2: wrong number of arguments\n");
    }

    @Test
    void aHashAfterAValueIsAnArgumentNotAComment() throws IOException {
        Path conf = write("redis.conf", "tls-session-cache-size 100 # comment\n");
        assertThat(failure(List.of("--redoubt.config-file=" + conf), Map.of()))
            .isEqualTo("*** Redoubt could not start: Bad directive 'tls-session-cache-size' at " + conf + ":1: wrong number of arguments\n");
    }

    @Test
    void severalArgumentsForADirectiveTakingOneOnRedisServersCommandLine() {
        assertThat(failure(List.of("--tls-protocols", "TLSv1.2", "TLSv1.3"), Map.of()))
            .isEqualTo("*** Redoubt could not start: Bad directive 'tls-protocols' in command-line argument --tls-protocols: wrong number of arguments\n");
    }

    @Test
    void badValueOnRedisServersCommandLineNamesTheOptionAsTyped() {
        assertThat(failure(List.of("--tls-auth-clients", "maybe"), Map.of()))
            .isEqualTo("*** Redoubt could not start: Bad directive 'tls-auth-clients' in command-line argument --tls-auth-clients: argument(s) must be one of the following: no, yes, optional\n");
    }

    @Test
    void missingTlsFileNamesTheDirectiveAndTheFile() {
        io.redoubt.support.TestCerts certs = io.redoubt.support.TestCerts.shared();
        Path missing = dir.resolve("missing-ca.crt");
        assertThat(failure(List.of("--redoubt.tls-port=0", "--redoubt.tls-replication=yes",
            "--redoubt.tls-cert-file=" + certs.serverCert, "--redoubt.tls-key-file=" + certs.serverKey,
            "--redoubt.tls-ca-cert-file=" + missing), Map.of()))
            .isEqualTo("*** Redoubt could not start: tls-ca-cert-file " + missing
                + ": not a readable PEM certificate file (no such file)\n");
    }
}
