package io.redoubt.persistence.aof;

import io.redoubt.keyspace.Keyspace;
import io.redoubt.util.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the files a manifest names, base first, then each incr file, as Redis's loadAppendOnlyFiles does.
 * A transaction (MULTI ... EXEC) is applied only once its EXEC is read. The last file may end in the middle
 * of a command: with aof-load-truncated yes it is loaded up to its last complete command (an unfinished
 * transaction is dropped) and truncated there; with no, start-up is refused. Anything that is not a command
 * is refused, naming the file, the offset and the reason.
 */
final class AofLoader {
    private static final Logger log = LoggerFactory.getLogger(AofLoader.class);

    private final Path dir;
    private final AofReplayer replayer;
    private final AofBaseFormat rdbBase;
    private final Keyspace keyspace;
    private final boolean truncatedOk;

    /** {@code rdbBase} loads .rdb bases. */
    AofLoader(Path dir, AofReplayer replayer, AofBaseFormat rdbBase, Keyspace keyspace, boolean truncatedOk) {
        this.dir = dir;
        this.replayer = replayer;
        this.rdbBase = rdbBase;
        this.keyspace = keyspace;
        this.truncatedOk = truncatedOk;
    }

    /** Loads every file; throws {@link AofException} with the reason start-up fails. */
    void load(AofManifest manifest) {
        long start = System.nanoTime();
        List<AofManifest.Entry> files = new ArrayList<>();
        if (manifest.base() != null) {
            files.add(manifest.base());
        }
        files.addAll(manifest.incrs());
        for (int i = 0; i < files.size(); i++) {
            AofManifest.Entry f = files.get(i);
            long fileStart = System.nanoTime();
            boolean isBase = f.type() == AofManifest.Type.BASE;
            loadFile(f.fileName(), i == files.size() - 1, isBase);
            log.info("DB loaded from {} file {}: {} seconds", isBase ? "base" : "incr", f.fileName(),
                seconds(fileStart));
        }
        log.info("DB loaded from append only file: {} seconds", seconds(start));
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.3f", (System.nanoTime() - startNanos) / 1e9);
    }

    private void loadFile(String name, boolean last, boolean isBase) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            throw new AofException("The AOF file " + name + " doesn't exist");
        }
        try {
            if (name.endsWith(".rdb") || startsWithRdbPreamble(file)) {
                loadRdb(file, name);
                return;
            }
            replayFile(file, name, last);
        } catch (NoSuchFileException e) {
            throw new AofException("The AOF file " + name + " doesn't exist");
        } catch (IOException e) {
            throw new AofException("Unrecoverable error reading the append only file " + name + ": " + e.getMessage(),
                e);
        }
    }

    private static boolean startsWithRdbPreamble(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(5);
            return new String(head, StandardCharsets.US_ASCII).equals("REDIS");
        }
    }

    private void loadRdb(Path file, String name) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            rdbBase.load(keyspace, in, name);
        }
    }

    private void replayFile(Path file, String name, boolean last) throws IOException {
        List<byte[][]> transaction = null;
        long beforeMulti = 0;
        try (AofCommandReader reader = new AofCommandReader(Files.newInputStream(file))) {
            while (true) {
                long at = reader.validUpTo();
                byte[][] argv;
                try {
                    argv = reader.next();
                } catch (AofCommandReader.Truncated t) {
                    truncated(file, name, last, transaction != null ? beforeMulti : reader.validUpTo(),
                        transaction != null);
                    return;
                } catch (AofCommandReader.BadFormat b) {
                    log.warn("Bad file format reading the append only file {}: make a backup of your AOF file, then "
                        + "use ./redis-check-aof --fix <filename.manifest>", name);
                    throw new AofException("Bad file format reading the append only file " + name + " at offset "
                        + at + ": " + b.getMessage());
                }
                if (argv == null) {
                    if (transaction != null) { // the file ends inside a transaction
                        truncated(file, name, last, beforeMulti, true);
                    }
                    return;
                }
                if (Bytes.equalsIgnoreCase(argv[0], "multi")) {
                    transaction = new ArrayList<>();
                    beforeMulti = at;
                } else if (Bytes.equalsIgnoreCase(argv[0], "exec") && transaction != null) {
                    for (byte[][] queued : transaction) {
                        run(queued, name, at);
                    }
                    transaction = null;
                } else if (transaction != null) {
                    transaction.add(argv);
                } else {
                    run(argv, name, at);
                }
            }
        }
    }

    private void run(byte[][] argv, String name, long offset) {
        if (!replayer.replay(argv)) {
            String cmd = new String(argv[0], StandardCharsets.UTF_8);
            log.warn("Unknown command '{}' reading the append only file {}", cmd, name);
            throw new AofException("Unknown command '" + cmd + "' reading the append only file " + name
                + " at offset " + offset);
        }
    }

    /** The file ends inside a command or a transaction: cut it there (aof-load-truncated yes) or refuse. */
    private void truncated(Path file, String name, boolean last, long validUpTo, boolean inMulti) throws IOException {
        if (inMulti) {
            log.warn("Revert incomplete MULTI/EXEC transaction in AOF file {}", name);
        }
        if (!truncatedOk || !last) {
            log.warn("Unexpected end of file reading the append only file {}. You can: 1) Make a backup of your AOF "
                + "file, then use ./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the "
                + "'aof-load-truncated' configuration option to yes and restart the server.", name);
            throw new AofException("Unexpected end of file reading the append only file " + name
                + " (truncated after offset " + validUpTo + (last ? "" : "; only the last file may be truncated")
                + ")");
        }
        log.warn("!!! Warning: short read while loading the AOF file {}!!!", name);
        log.warn("!!! Truncating the AOF {} at offset {} !!!", name, validUpTo);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(validUpTo);
            ch.force(true);
        }
        log.warn("AOF {} loaded anyway because aof-load-truncated is enabled", name);
    }
}
