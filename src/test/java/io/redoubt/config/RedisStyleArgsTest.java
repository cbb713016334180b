package io.redoubt.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aDirectiveTakingOneArgumentRefusesSeveralNamingTheOptionAsTyped() {
        String[] args = {"--tls-protocols", "TLSv1.2", "TLSv1.3"};
        assertThatThrownBy(() -> RedisStyleArgs.translate(args, known))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Bad directive 'tls-protocols' in command-line argument --tls-protocols: "
                + "wrong number of arguments");
        assertThatThrownBy(() -> RedisStyleArgs.translate(new String[] {"--port", "--tls-port", "6379"}, known))
            .hasMessage("Bad directive 'port' in command-line argument --port: wrong number of arguments");
    }

    @Test
    void oneQuotedArgumentMayHoldSpaces() {
        assertThat(RedisStyleArgs.translate(new String[] {"--tls-protocols", "TLSv1.2 TLSv1.3"}, known))
            .containsExactly("--redoubt.tls-protocols=TLSv1.2 TLSv1.3");
    }

    @Test
    void directivesTakingSeveralArgumentsJoinThem() {
        assertThat(RedisStyleArgs.translate(new String[] {"--save", "900", "1", "--bind", "127.0.0.1", "::1",
            "--client-output-buffer-limit", "normal", "0", "0", "0", "--replicaof", "127.0.0.1", "6380"}, known))
            .containsExactly("--redoubt.save=900 1", "--redoubt.bind=127.0.0.1 ::1",
                "--redoubt.client-output-buffer-limit=normal 0 0 0", "--redoubt.replicaof=127.0.0.1 6380");
        // --save followed by an option, or last, is save "" (redis-server 7 reads it so)
        assertThat(RedisStyleArgs.translate(new String[] {"--save", "--port", "0"}, known))
            .containsExactly("--redoubt.save=", "--redoubt.port=0");
    }

    @Test
    void aBadValueIsReportedUnderTheOptionAsTyped() {
        assertThatThrownBy(() -> RedisStyleArgs.translate(new String[] {"--tls-auth-clients", "maybe"}, known))
            .hasMessage("Bad directive 'tls-auth-clients' in command-line argument --tls-auth-clients: "
                + "argument(s) must be one of the following: no, yes, optional");
        assertThatThrownBy(() -> RedisStyleArgs.translate(new String[] {"--replicaof", "127.0.0.1"}, known))
            .hasMessage("Bad directive 'replicaof' in command-line argument --replicaof: wrong number of arguments");
    }

    @Test
    void anAliasBecomesItsDirective() {
        assertThat(RedisStyleArgs.translate(new String[] {"--list-max-ziplist-size", "-1"}, known))
            .containsExactly("--redoubt.list-max-listpack-size=-1");
    }
}
