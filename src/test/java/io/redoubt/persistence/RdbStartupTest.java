package io.redoubt.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.keyspace.Keyspace;
import io.redoubt.support.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot file that cannot be loaded whole stops Redoubt before it listens: exit status 1 and one line on
 * standard error naming the file, the offset and the reason; nothing is served from a partial load.
 */
class RdbStartupTest {
    @TempDir
    Path dir;

    private String failure() {
        List<String> args = List.of("--spring.config.location=classpath:/application.yml", "--redoubt.bind=127.0.0.1",
            "--redoubt.port=0", "--redoubt.dir=" + dir);
        try (ChildJvm child = ChildJvm.start(args, Map.of())) {
            assertThat(child.awaitExit(60)).isEqualTo(1);
            String out = child.stdout() + child.stderr();
            assertThat(out).doesNotContain("\tat ", "APPLICATION FAILED TO START", "Ready to accept");
            return child.stderr();
        }
    }

    private byte[] goodFile() throws Exception {
        Keyspace ks = RdbCodecTest.everything();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RdbWriter(RdbOptions.DEFAULTS).write(ks, out);
        return out.toByteArray();
    }

    @Test
    void aTruncatedFileRefusesStartUp() throws Exception {
        byte[] good = goodFile();
        Path file = Files.write(dir.resolve("dump.rdb"), Arrays.copyOf(good, good.length - 100));
        assertThat(failure()).isEqualTo("*** Redoubt could not start: Bad RDB file " + file + " at offset "
            + (good.length - 100) + ": unexpected end of file\n");
    }

    @Test
    void aCorruptFileRefusesStartUp() throws Exception {
        byte[] bad = goodFile();
        bad[bad.length - 3] ^= 0x10; // inside the checksum
        Path file = Files.write(dir.resolve("dump.rdb"), bad);
        assertThat(failure()).startsWith("*** Redoubt could not start: Bad RDB file " + file + " at offset "
            + (bad.length - 8) + ": wrong RDB checksum").endsWith(")\n").hasLineCount(1);
    }

    @Test
    void aFileWithAStreamRefusesStartUp() throws Exception {
        RdbCodecTest.Builder b = new RdbCodecTest.Builder(10);
        b.op(RdbFormat.OPCODE_SELECTDB).len(0).op(RdbFormat.TYPE_STREAM_LISTPACKS_2).str("events").len(0);
        Path file = Files.write(dir.resolve("dump.rdb"), b.end());
        assertThat(failure()).isEqualTo("*** Redoubt could not start: Bad RDB file " + file
            + " at offset 19: stream values are not supported (Redoubt has no streams)\n");
    }
}
