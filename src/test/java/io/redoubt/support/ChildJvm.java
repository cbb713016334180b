package io.redoubt.support;

import io.redoubt.RedoubtApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Redoubt run as its own process (same classpath as the tests), for what an in-process server cannot show:
 * the exit status and exact output of a failed start-up, and configuration from environment variables.
 * The child inherits no REDOUBT_* variable except those given. Output goes to files, read on demand.
 */
public final class ChildJvm implements AutoCloseable {
    private static final String READY = "Ready to accept connections";

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildJvm(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code java -cp <test classpath> io.redoubt.RedoubtApplication args...} with extra environment. */
    public static ChildJvm start(List<String> args, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1"); // starts faster; these processes live for seconds
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(RedoubtApplication.class.getName());
        cmd.addAll(args);
        try {
            Path out = Files.createTempFile("redoubt-child", ".out");
            Path err = Files.createTempFile("redoubt-child", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("REDOUBT_"));
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            return new ChildJvm(p, out, err);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the process to end and returns its exit status; fails if it is still running after the timeout. */
    public int awaitExit(long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("Redoubt still running after " + seconds + "s; stdout:\n" + stdout());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the server logs that it accepts connections; fails if it exits or takes too long. */
    public ChildJvm awaitReady(long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!stdout().contains(READY)) {
            if (!process.isAlive()) {
                throw new AssertionError("Redoubt exited with " + process.exitValue() + "; stderr:\n" + stderr()
                    + "\nstdout:\n" + stdout());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Redoubt not ready after " + seconds + "s; stdout:\n" + stdout());
            }
            sleep(100);
        }
        return this;
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the process at once (SIGKILL on Linux, like kill -9): no shutdown hook or flush runs. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the process (if still running) and removes its output files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // temp files: left for the OS
        }
    }
}
