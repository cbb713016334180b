package io.redoubt.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;

/**
 * Fills the registry at start-up, in rising precedence: defaults, the redis.conf named by
 * {@code redoubt.config-file}, then Spring property sources ({@code redoubt.<directive>} in application.yml,
 * command-line {@code --redoubt.port=7000}, environment {@code REDOUBT_PORT}). Any unknown name or bad value
 * stops start-up with a message naming the directive and where it was written.
 */
public final class DirectiveLoader {
    public static final String PREFIX = "redoubt";
    /** Redoubt's own settings under the same prefix that are not redis.conf directives. */
    private static final Set<String> OWN_PROPERTIES = Set.of("config-file", "tls-engine", "tls-auto-reload",
        "tls-auto-reload-quiet-period", "tls-expiry-warning", "dev-certs-dir", "io-spin");

    private DirectiveLoader() {
    }

    /** Loads every source and returns a description of each source that contributed. */
    public static List<String> load(DirectiveRegistry registry, Environment env) {
        List<String> used = new ArrayList<>();
        used.add("defaults");
        Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(env);
        checkNames(registry, sources);
        String configFile = env.getProperty(PREFIX + ".config-file");
        if (configFile != null && !configFile.isBlank()) {
            Path path = Path.of(configFile);
            loadFile(registry, path);
            used.add("redis.conf " + path.toAbsolutePath().normalize());
        }
        Set<String> springOrigins = new java.util.LinkedHashSet<>();
        for (Directive d : registry.all()) {
            ConfigurationProperty p = find(sources, ConfigurationPropertyName.of(PREFIX + "." + d.name()));
            if (p == null) {
                continue;
            }
            String raw = p.getValue() == null ? "" : String.valueOf(p.getValue());
            try {
                registry.loadProperty(d.name(), raw);
            } catch (ConfigException e) {
                throw new ConfigException("Bad directive '" + d.name() + "' " + describe(p) + ": " + e.getMessage());
            }
            springOrigins.add(p.getSource() == null ? "properties" : String.valueOf(sourceName(p)));
        }
        for (String o : springOrigins) {
            used.add("properties " + o);
        }
        registry.sources(used);
        return used;
    }

    public static void loadFile(DirectiveRegistry registry, Path path) {
        Map<String, String> accumulated = new HashMap<>();
        for (RedisConfParser.Line line : RedisConfParser.parse(path)) {
            Directive d = registry.find(line.name());
            if (d == null) {
                throw new ConfigException("Bad directive '" + line.name() + "' at " + line.source()
                    + ": Bad directive or wrong number of arguments");
            }
            try {
                String value = d.valueOf(line.args());
                String before = accumulated.get(d.name());
                // lines add up, but the file's first line replaces the default, an empty one (save "") clears
                // and one without arguments (save) adds nothing, as in Redis
                if (d.accumulates() && before != null) {
                    if (line.args().isEmpty()) {
                        value = before;
                    } else if (!before.isEmpty() && !value.isEmpty()) {
                        value = before + " " + value;
                    }
                }
                registry.load(d.name(), value);
            } catch (ConfigException e) {
                throw new ConfigException("Bad directive '" + d.name() + "' at " + line.source() + ": " + e.getMessage());
            }
            accumulated.put(d.name(), d.value());
        }
    }

    private static void checkNames(DirectiveRegistry registry, Iterable<ConfigurationPropertySource> sources) {
        ConfigurationPropertyName root = ConfigurationPropertyName.of(PREFIX);
        Set<String> known = new HashSet<>();
        for (Directive d : registry.all()) {
            known.add(uniform(d.name()));
        }
        for (String own : OWN_PROPERTIES) {
            known.add(uniform(own));
        }
        for (ConfigurationPropertySource s : sources) {
            if (!(s instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.stream().filter(root::isAncestorOf).forEach(name -> {
                String element = name.getElement(1, Form.UNIFORM);
                if (name.getNumberOfElements() != 2 || !known.contains(element)) {
                    ConfigurationProperty p = s.getConfigurationProperty(name);
                    throw new ConfigException("Bad directive '" + name.getElement(1, Form.ORIGINAL) + "' "
                        + (p == null ? "in property " + name : describe(p)) + ": no such directive");
                }
            });
        }
    }

    private static String uniform(String directive) {
        return ConfigurationPropertyName.of(PREFIX + "." + directive).getElement(1, Form.UNIFORM);
    }

    private static ConfigurationProperty find(Iterable<ConfigurationPropertySource> sources, ConfigurationPropertyName name) {
        for (ConfigurationPropertySource s : sources) {
            ConfigurationProperty p = s.getConfigurationProperty(name);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static Object sourceName(ConfigurationProperty p) {
        Object underlying = p.getSource().getUnderlyingSource();
        if (underlying instanceof org.springframework.core.env.PropertySource<?> ps) {
            return ps.getName();
        }
        return underlying;
    }

    /**
     * Where a property was written, for a start-up error: "in command-line argument --redoubt.port",
     * "in environment variable REDOUBT_PORT", "in property redoubt.port at /etc/redoubt.yml:3", or the
     * property and Spring's own description of its origin.
     */
    static String describe(ConfigurationProperty p) {
        String property = p.getName().toString();
        Origin origin = p.getOrigin();
        while (origin instanceof PropertySourceOrigin wrapper && wrapper.getOrigin() != null) {
            origin = wrapper.getOrigin();
        }
        Object source = sourceName(p);
        if (origin instanceof SystemEnvironmentOrigin env) {
            return "in environment variable " + env.getProperty();
        }
        if (CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME.equals(source)) {
            return "in command-line argument --" + property;
        }
        if (origin instanceof TextResourceOrigin text && text.getResource() != null && text.getLocation() != null) {
            return "in property " + property + " at " + resourceName(text.getResource()) + ":"
                + (text.getLocation().getLine() + 1);
        }
        return "in property " + property + " (" + (origin != null ? origin : source) + ")";
    }

    private static String resourceName(Resource r) {
        try {
            if (r.isFile()) {
                return r.getFile().getPath();
            }
        } catch (IOException e) {
            // not a plain file after all: fall back to the description
        }
        return r.getDescription();
    }
}
