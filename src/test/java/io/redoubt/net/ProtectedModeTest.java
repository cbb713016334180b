package io.redoubt.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RedisTools;
import io.redoubt.support.TestServer;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * Protected mode refuses non-loopback clients when the default user has no password. Tests may only reach
 * loopback addresses, so the refusal rule is checked directly and the served case over a real socket.
 */
class ProtectedModeTest {
    static final InetSocketAddress REMOTE = new InetSocketAddress("192.0.2.10", 5000); // TEST-NET-1, never dialled
    static final InetSocketAddress LOCAL4 = new InetSocketAddress("127.0.0.1", 5000);
    static final InetSocketAddress LOCAL6 = new InetSocketAddress("::1", 5000);

    @Test
    void onlyNonLoopbackClientsWithoutAPasswordAreRefused() {
        assertThat(ProtectedMode.refuses(true, "", REMOTE)).isTrue();
        assertThat(ProtectedMode.refuses(true, "", LOCAL4)).isFalse();
        assertThat(ProtectedMode.refuses(true, "", LOCAL6)).isFalse();
        assertThat(ProtectedMode.refuses(true, "secret", REMOTE)).isFalse();
        assertThat(ProtectedMode.refuses(false, "", REMOTE)).isFalse();
    }

    @Test
    void deniedReplyIsRedisText() {
        assertThat(ProtectedMode.DENIED).startsWith("-DENIED Redis is running in protected mode because protected "
            + "mode is enabled and no password is set for the default user.").endsWith("outside.\r\n")
            .doesNotContain("\r\n-");
    }

    @Test
    void loopbackClientsAreServedInProtectedMode() {
        try (TestServer s = TestServer.start("protected-mode=yes")) {
            assertThat(RedisTools.cli(s.port(), "PING")).isEqualTo("PONG");
        }
    }
}
