package io.redoubt.config;

/**
 * What a component does when directives it owns change at runtime. It reads the new values from the
 * registry. One CONFIG SET runs each applier once, after every value of the call is stored, so related
 * directives (a certificate and its key) are applied together. Throw ConfigException to refuse.
 */
@FunctionalInterface
public interface DirectiveApplier {
    void apply();
}
