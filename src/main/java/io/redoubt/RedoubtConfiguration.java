package io.redoubt;

import io.redoubt.command.CommandExecutor;
import io.redoubt.command.CommandTable;
import io.redoubt.command.Commands;
import io.redoubt.config.DirectiveCatalog;
import io.redoubt.config.DirectiveLoader;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.server.LogLevels;
import io.redoubt.server.Server;
import io.redoubt.server.ServerLifecycle;
import io.redoubt.tls.DevCertificates;
import io.redoubt.tls.TlsFileWatcher;
import io.redoubt.tls.TlsReloader;
import io.redoubt.server.ServerShutdown;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import java.time.Duration;

/** Wires the server: directives first (they decide everything else), then keyspace, commands and listeners. */
@Configuration(proxyBeanMethods = false)
public class RedoubtConfiguration {

    @Bean
    DirectiveRegistry directiveRegistry(Environment env) {
        DirectiveRegistry registry = DirectiveCatalog.create();
        DirectiveLoader.load(registry, env);
        LogLevels.apply(registry.get("loglevel").value());
        registry.onChange(() -> LogLevels.apply(registry.get("loglevel").value()), "loglevel");
        return registry;
    }

    /** No destroy method: Spring would otherwise infer Server.shutdown() (SHUTDOWN's action) as one. */
    @Bean(destroyMethod = "")
    Server server(DirectiveRegistry directives, TlsReloader tls) {
        Keyspace keyspace = new Keyspace(directives.get("databases").asInt());
        CommandTable table = Commands.createTable();
        return new Server(directives, keyspace, table, tls);
    }

    @Bean
    TlsReloader tlsReloader(DirectiveRegistry directives, Environment env) {
        DevCertificates.ensure(env.getProperty("redoubt.dev-certs-dir"), directives.get("tls-port").asInt());
        return new TlsReloader(directives, env.getProperty("redoubt.tls-engine", "auto"));
    }

    /** Automatic reload on file change; stopped with the context. */
    @Bean(initMethod = "start", destroyMethod = "close")
    TlsFileWatcher tlsFileWatcher(TlsReloader tls, DirectiveRegistry directives, Environment env) {
        return new TlsFileWatcher(tls, directives, env.getProperty("redoubt.tls-auto-reload", Boolean.class, true),
            env.getProperty("redoubt.tls-auto-reload-quiet-period", Duration.class, Duration.ofSeconds(2)));
    }

    @Bean
    ServerLifecycle serverLifecycle(Server server, TlsReloader tls, ConfigurableApplicationContext context,
                                    Environment env) {
        server.onShutdown(new ServerShutdown(context, false)); // RedoubtApplication.main makes it exit the JVM too
        Duration spin = env.getProperty("redoubt.io-spin", Duration.class, Duration.ofNanos(50_000));
        return new ServerLifecycle(server, new CommandExecutor(server), tls, spin.toNanos());
    }
}
