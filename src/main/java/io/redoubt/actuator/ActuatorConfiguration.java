package io.redoubt.actuator;

import io.redoubt.server.Server;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The tls endpoint, the tls health indicator, info and Redoubt's meters, served on the management port. */
@Configuration(proxyBeanMethods = false)
public class ActuatorConfiguration {

    static Duration expiryWarning(Environment env) {
        return env.getProperty("redoubt.tls-expiry-warning", Duration.class, Duration.ofDays(30));
    }

    @Bean
    TlsEndpoint tlsEndpoint(Server server, Environment env) {
        return new TlsEndpoint(server, expiryWarning(env));
    }

    @Bean
    TlsHealthIndicator tlsHealthIndicator(Server server, Environment env) {
        return new TlsHealthIndicator(server, expiryWarning(env));
    }

    @Bean
    RedoubtInfoContributor redoubtInfoContributor(Server server) {
        return new RedoubtInfoContributor(server);
    }

    @Bean
    TlsMetrics tlsMetrics(Server server) {
        TlsMetrics metrics = new TlsMetrics(server);
        server.tls().addListener(metrics);
        return metrics;
    }
}
