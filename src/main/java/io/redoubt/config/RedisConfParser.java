package io.redoubt.config;

import io.redoubt.util.Bytes;
import io.redoubt.util.SplitArgs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a redis.conf: Redis's quoting, comments, {@code include}, one directive and its arguments a line. */
public final class RedisConfParser {

    /**
     * One directive line: lower-case name, its arguments as written (a {@code #} after the name is an
     * argument, not a comment, as in Redis), and where it was written.
     */
    public record Line(String name, List<String> args, String source) {
    }

    private RedisConfParser() {
    }

    public static List<Line> parse(Path file) {
        List<Line> out = new ArrayList<>();
        read(file.toAbsolutePath().normalize(), out, new HashSet<>());
        return out;
    }

    private static void read(Path file, List<Line> out, Set<Path> open) {
        if (!open.add(file)) {
            throw new ConfigException("include loop: " + file + " includes itself");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException("Fatal error, can't open config file '" + file + "': " + e.getMessage());
        }
        for (int n = 0; n < lines.size(); n++) {
            String source = file + ":" + (n + 1);
            String text = lines.get(n).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            byte[] bytes = Bytes.utf8(text);
            List<byte[]> args = SplitArgs.split(bytes, 0, bytes.length);
            if (args == null) {
                throw new ConfigException("Unbalanced quotes in configuration line at " + source);
            }
            if (args.isEmpty()) {
                continue;
            }
            String name = Bytes.lowerAscii(args.get(0));
            if (name.equals("include")) {
                if (args.size() != 2) {
                    throw new ConfigException("Bad directive '" + name + "' at " + source
                        + ": Bad directive or wrong number of arguments");
                }
                Path inc = Path.of(Bytes.str(args.get(1)));
                if (!inc.isAbsolute() && !Files.exists(inc)) {
                    inc = file.getParent().resolve(inc); // also look beside the including file
                }
                read(inc.toAbsolutePath().normalize(), out, open);
                continue;
            }
            out.add(new Line(name, args.subList(1, args.size()).stream().map(Bytes::str).toList(), source));
        }
        open.remove(file);
    }
}
