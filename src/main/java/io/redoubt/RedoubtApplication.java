package io.redoubt;

import io.redoubt.server.Server;
import io.redoubt.server.ServerShutdown;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Redoubt's entry point: a Spring Boot application whose main work is the Redis-protocol server. */
@SpringBootApplication
public class RedoubtApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context;
        try {
            context = start(args);
        } catch (Throwable t) {
            // Spring has already reported it (one line for configuration errors, see StartupFailureReporter)
            System.exit(1);
            return;
        }
        // run as a process, SHUTDOWN ends it with status 0; embedded servers (tests) only close their context
        context.getBean(Server.class).onShutdown(new ServerShutdown(context, true));
    }

    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication app = new SpringApplication(RedoubtApplication.class);
        return app.run(args);
    }
}
