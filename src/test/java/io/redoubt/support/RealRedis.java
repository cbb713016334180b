package io.redoubt.support;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server on a free loopback port, for tests that check Redoubt against Redis itself. Needs
 * redis-server (see {@link RedisTools#require}). Stopped with SHUTDOWN NOSAVE so it never writes a dump.
 */
public final class RealRedis implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String password;

    private RealRedis(Process process, int port, String password) {
        this.process = process;
        this.port = port;
        this.password = password;
    }

    /**
     * Starts {@code redis-server [configFile] --port <free> --bind 127.0.0.1 extraArgs...} in the given working
     * directory (where relative includes are found). The password, if any, is used to stop it.
     */
    public static RealRedis start(Path configFile, Path workDir, String password, String... extraArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(RedisTools.require("redis-server"));
        if (configFile != null) {
            cmd.add(configFile.toString());
        }
        int port = TestServer.freePort();
        cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--daemonize", "no",
            "--logfile", ""));
        cmd.addAll(List.of(extraArgs));
        try {
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("java.io.tmpdir"), "real-redis-tests.log")))
                .start();
            RealRedis redis = new RealRedis(p, port, password);
            redis.awaitListening();
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An empty Redis with persistence off, working in a fresh temporary directory (no stray dump.rdb). */
    public static RealRedis startEmpty() {
        // DEBUG from loopback, as Redoubt allows it: digests and SET-ACTIVE-EXPIRE run on both servers
        return start(null, TestCerts.tempDir("real-redis"), null, "--save", "", "--appendonly", "no",
            "--enable-debug-command", "local");
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue());
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        close();
        throw new IllegalStateException("redis-server not listening on " + port);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** A connection, authenticated when the server has a password. */
    public RawConnection connect() throws IOException {
        RawConnection c = new RawConnection(port);
        if (password != null) {
            c.call("AUTH", password);
        }
        return c;
    }

    @Override
    public void close() {
        try (RawConnection c = connect()) {
            c.send(RawConnection.command("SHUTDOWN", "NOSAVE"));
            c.readUntilClosed();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
