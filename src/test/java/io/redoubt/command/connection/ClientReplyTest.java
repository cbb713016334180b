package io.redoubt.command.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CLIENT REPLY ON|OFF|SKIP over a raw socket: which replies reach the client, as Redis sends them. */
class ClientReplyTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void offSilencesEverythingUntilOn() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.send("CLIENT REPLY OFF\r\nSET a 1\r\nGET a\r\nNOSUCH\r\nCLIENT REPLY ON\r\nGET a\r\n");
            assertThat(raw.line()).isEqualTo("+OK"); // the reply to CLIENT REPLY ON
            assertThat(raw.line()).isEqualTo("$1");
            assertThat(raw.line()).isEqualTo("1");
        }
    }

    @Test
    void skipSilencesOnlyTheNextCommand() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.send("CLIENT REPLY SKIP\r\nECHO one\r\nECHO two\r\n");
            assertThat(raw.line()).isEqualTo("$3");
            assertThat(raw.line()).isEqualTo("two");
            // sent one at a time, across reads
            raw.send("CLIENT REPLY SKIP\r\n");
            raw.send("ECHO three\r\n");
            raw.send("ECHO four\r\n");
            assertThat(raw.line()).isEqualTo("$4");
            assertThat(raw.line()).isEqualTo("four");
        }
    }

    @Test
    void skipWhileOffChangesNothingAndBadModeIsASyntaxError() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.send("CLIENT REPLY OFF\r\nCLIENT REPLY SKIP\r\nECHO hidden\r\nCLIENT REPLY ON\r\nCLIENT REPLY MAYBE\r\n");
            assertThat(raw.line()).isEqualTo("+OK");
            assertThat(raw.line()).isEqualTo("-ERR syntax error");
        }
    }
}
