package io.redoubt.config;

/** What a component does when a directive it owns changes at runtime. Throw ConfigException to refuse. */
@FunctionalInterface
public interface DirectiveApplier {
    void apply(Directive directive, String oldValue);
}
