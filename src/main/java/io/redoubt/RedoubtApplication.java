package io.redoubt;

import io.redoubt.config.DirectiveCatalog;
import io.redoubt.config.RedisStyleArgs;
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
        try {
            start(args);
        } catch (Throwable t) {
            // Spring has already reported it (one line for configuration errors, see StartupFailureReporter)
            System.exit(1);
        }
    }

    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication app = new SpringApplication(RedoubtApplication.class);
        return app.run(RedisStyleArgs.translate(args, DirectiveCatalog.create()));
    }
}
