package io.redoubt.support;

import io.redoubt.RedoubtApplication;
import io.redoubt.server.Server;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Redoubt server started in-process on a free loopback port, for tests that talk to it over real
 * sockets. Ignores the project's top-level application.yml so tests see Redis's defaults. Extra
 * {@code redoubt.*} directives can be passed as "name=value".
 */
public final class TestServer implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final int port;

    private TestServer(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    public static TestServer start(String... directives) {
        // Spring joins a repeated command-line property with commas, so later settings replace earlier ones here
        Map<String, String> props = new LinkedHashMap<>();
        for (String a : baseArgs()) {
            put(props, a);
        }
        put(props, "--redoubt.port=" + freePort());
        // snapshots (SHUTDOWN, save points) go to a directory of the server's own, never the project's, unless
        // the test brings its own configuration file
        if (Arrays.stream(directives).noneMatch(d -> d.startsWith("config-file="))) {
            put(props, "--redoubt.dir=" + TestCerts.tempDir("redoubt-data"));
        }
        for (String d : directives) {
            put(props, d.startsWith("--") ? d : "--redoubt." + d);
        }
        List<String> args = new ArrayList<>();
        props.forEach((k, v) -> args.add(k + "=" + v));
        int port = Integer.parseInt(props.get("--redoubt.port"));
        return new TestServer(RedoubtApplication.start(args.toArray(String[]::new)), port);
    }

    private static void put(Map<String, String> props, String arg) {
        int eq = arg.indexOf('=');
        props.put(arg.substring(0, eq), arg.substring(eq + 1));
    }

    /** Arguments that keep a test server away from the user's configuration and from fixed ports. */
    public static List<String> baseArgs() {
        return Arrays.asList("--spring.config.location=classpath:/application.yml", "--redoubt.bind=127.0.0.1",
            "--management.server.port=0");
    }

    /** Below Linux's ephemeral range (32768-60999), so no outgoing connection of another test can hold it. */
    private static final int FIRST_PORT = 20000;
    private static final int PORTS = 12000;
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
        new java.util.concurrent.atomic.AtomicInteger(new java.util.Random().nextInt(PORTS));

    /**
     * A loopback port nobody listens on now. Ports are handed out in turn from a range no client socket is
     * given (ServerSocket(0) would pick from the ephemeral range, where a port just released can already be
     * another connection's local port by the time the server binds it).
     */
    public static int freePort() {
        for (int tries = 0; tries < PORTS; tries++) {
            int port = FIRST_PORT + Math.floorMod(NEXT_PORT.getAndIncrement(), PORTS);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException e) {
                // taken: try the next one
            }
        }
        throw new IllegalStateException("no free loopback port in " + FIRST_PORT + ".." + (FIRST_PORT + PORTS - 1));
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The port Actuator's management server bound (management.server.port=0 picks a free one). */
    public int managementPort() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
    }

    public Server server() {
        return context.getBean(Server.class);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
