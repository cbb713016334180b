package io.redoubt.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisStyleArgsTest {
    final DirectiveRegistry known = DirectiveCatalog.create();

    @Test
    void redisServerCommandLineBecomesProperties() {
        String[] out = RedisStyleArgs.translate(new String[] {"/etc/redis.conf", "--port", "0", "--tls-port", "6379",
            "--save", "900", "1", "300", "10", "--tls-cert-file", "a b.crt", "--redoubt.hz=20"}, known);
        assertThat(out).containsExactly("--redoubt.config-file=/etc/redis.conf", "--redoubt.port=0",
            "--redoubt.tls-port=6379", "--redoubt.save=900 1 300 10", "--redoubt.tls-cert-file=a b.crt",
            "--redoubt.hz=20");
    }

    @Test
    void springArgumentsAndUnknownOptionsPassThrough() {
        String[] out = RedisStyleArgs.translate(new String[] {"--spring.config.location=x.yml", "--debug",
            "--save", ""}, known);
        assertThat(out).containsExactly("--spring.config.location=x.yml", "--debug", "--redoubt.save=");
    }
}
