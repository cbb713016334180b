package io.redoubt.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Secret volume laid out as the kubelet does it: the files live in a hidden {@code ..<timestamp>} directory,
 * {@code ..data} links to it and each {@code name} links to {@code ..data/name}. An update writes a new
 * timestamped directory and renames a new {@code ..data} link over the old one, atomically.
 */
public final class KubeSecretDir {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss");
    private static final AtomicInteger SEQ = new AtomicInteger();

    public final Path dir;
    private final List<String> names;

    /** The files are written by the writer into the directory it is given. */
    public interface Writer {
        void write(Path into) throws IOException;
    }

    public KubeSecretDir(Path dir, List<String> names, Writer first) throws IOException {
        this.dir = dir;
        this.names = names;
        Path data = newVersion(first);
        Files.createSymbolicLink(dir.resolve("..data"), data.getFileName());
        for (String n : names) {
            Files.createSymbolicLink(dir.resolve(n), Path.of("..data", n));
        }
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Publishes a new version of the files: new directory, then the atomic swap of ..data, then clean-up. */
    public void update(Writer writer) throws IOException {
        Path old = Files.readSymbolicLink(dir.resolve("..data"));
        Path next = newVersion(writer);
        Path tmp = dir.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, next.getFileName());
        Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path oldDir = dir.resolve(old);
        for (String n : names) {
            Files.deleteIfExists(oldDir.resolve(n));
        }
        Files.deleteIfExists(oldDir);
    }

    private Path newVersion(Writer writer) throws IOException {
        Path v = dir.resolve(".." + LocalDateTime.now().format(STAMP) + "." + SEQ.incrementAndGet());
        Files.createDirectory(v);
        writer.write(v);
        return v;
    }
}
