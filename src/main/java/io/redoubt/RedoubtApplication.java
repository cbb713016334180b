package io.redoubt;

import io.netty.util.ResourceLeakDetector;
import io.redoubt.config.ConfigException;
import io.redoubt.config.DirectiveCatalog;
import io.redoubt.config.RedisStyleArgs;
import java.util.Map;
import io.redoubt.server.Server;
import io.redoubt.server.ServerShutdown;
import io.redoubt.server.StartupFailureReporter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Redoubt's entry point: a Spring Boot application whose main work is the Redis-protocol server. */
@SpringBootApplication
public class RedoubtApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("gen-certs")) {
            io.redoubt.tls.CertificateGenerator.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Netty samples buffer allocations with a stack trace each to find leaks: worth it in tests (which
            // start the server without main), a few percent of every request in production
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        String[] springArgs;
        try {
            springArgs = RedisStyleArgs.translate(args, DirectiveCatalog.create());
        } catch (ConfigException e) {
            StartupFailureReporter.print(e.getMessage()); // found before Spring, which would have reported it
            System.exit(1);
            return;
        }
        ConfigurableApplicationContext context;
        try {
            context = run(springArgs);
        } catch (Throwable t) {
            // Spring has already reported it (one line for configuration errors, see StartupFailureReporter)
            System.exit(1);
            return;
        }
        // run as a process, SHUTDOWN ends it with status 0; embedded servers (tests) only close their context
        context.getBean(Server.class).onShutdown(new ServerShutdown(context, true));
    }

    /** Starts Redoubt from redis-server's or Spring's command line (see {@link RedisStyleArgs}). */
    public static ConfigurableApplicationContext start(String... args) {
        return run(RedisStyleArgs.translate(args, DirectiveCatalog.create()));
    }

    private static ConfigurableApplicationContext run(String[] springArgs) {
        SpringApplication app = new SpringApplication(RedoubtApplication.class);
        app.setDefaultProperties(BUILT_IN);
        return app.run(springArgs);
    }

    /**
     * Spring settings that hold whatever configuration files are used (a --spring.config.location replaces
     * application.yml), at the lowest precedence. The management port defaults to 8080 (top-level application.yml). A configuration error is printed once, as one line on
     * standard error by StartupFailureReporter: Spring's own reports of it are silenced.
     */
    private static final Map<String, Object> BUILT_IN = Map.of(
        "spring.main.banner-mode", "off",
        // Actuator has its own server on management.server.port; Spring's main web server (which WebFlux
        // always starts and Reactor Netty cannot leave unbound) is kept to a random loopback port, unused
        "server.port", "0",
        "server.address", "127.0.0.1",
        "management.server.port", "8080",
        "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "off",
        "logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext", "error",
        "logging.level.org.springframework.boot.web.server.reactive.context.AnnotationConfigReactiveWebServerApplicationContext",
        "error",
        "logging.level.org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLogger", "warn");
}
