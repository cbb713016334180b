package io.redoubt.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds Debian's redis-cli, redis-benchmark and redis-server. In CI (CI=true) a missing tool fails the
 * test; elsewhere the test is skipped with a loud reason.
 */
public final class RedisTools {
    private RedisTools() {
    }

    public static String require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, tool);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        unavailable(tool + " is not installed (apt-get install -y redis-tools redis-server): this test needs it");
        return null;
    }

    /** A file installed with redis-server (such as Debian's stock /etc/redis/redis.conf), readable. */
    public static java.nio.file.Path requireFile(String path) {
        java.nio.file.Path p = java.nio.file.Path.of(path);
        if (!java.nio.file.Files.isReadable(p)) {
            unavailable(path + " is missing or unreadable (apt-get install -y redis-server; run as root): this test needs it");
        }
        return p;
    }

    /** Something a test needs is not on this machine: the test fails in CI (CI=true), elsewhere it is skipped loudly. */
    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why);
        }
        System.err.println("!!! SKIPPED: " + why);
        Assumptions.abort(why);
    }

    /** The result of running a tool: exit code and everything it printed. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static Result run(String stdin, long timeoutSeconds, String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(require(tool));
        cmd.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(cmd).start();
            Thread writer = new Thread(() -> {
                try (var in = p.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException ignored) {
                    // the tool may exit before reading everything
                }
            });
            writer.start();
            var out = p.getInputStream().readAllBytes();
            var err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(tool + " did not finish in " + timeoutSeconds + "s");
            }
            writer.join();
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** redis-cli against the given port, without a stdin. */
    public static String cli(int port, String... args) {
        List<String> all = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", Integer.toString(port)));
        all.addAll(Arrays.asList(args));
        return run(null, 60, "redis-cli", all.toArray(String[]::new)).stdout().trim();
    }

    /** redis-cli over TLS, trusting the certificates' CA and presenting their client certificate when asked. */
    public static String cliTls(TestCerts certs, int port, boolean withCert, String... command) {
        List<String> args = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", Integer.toString(port), "--tls",
            "--cacert", certs.caCert.toString()));
        if (withCert) {
            args.addAll(List.of("--cert", certs.clientCert.toString(), "--key", certs.clientKey.toString()));
        }
        args.addAll(List.of(command));
        Result r = run(null, 30, "redis-cli", args.toArray(String[]::new));
        return (r.stdout() + r.stderr()).trim();
    }
}
