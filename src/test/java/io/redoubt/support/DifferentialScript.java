package io.redoubt.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs a script of commands against Redoubt and a real redis-server and requires identical replies, RESP
 * type included ({@link RespProbe}'s rendering). One command a line; {@code ""} is an empty argument and
 * double quotes keep spaces. Key arguments are prefixed per run so that the RESP2 and RESP3 runs of one
 * script on the same servers do not meet.
 */
public final class DifferentialScript {
    private final String script;
    private final Function<String[], int[]> keyPositions;
    private final BiFunction<String[], String, String> normalizer;

    /**
     * A script whose key arguments are found by {@code keyPositions} (from the arguments, args[0] being the
     * command name, to the indexes of its keys) and whose replies are compared after {@code normalizer}
     * (given the arguments and the rendered reply, e.g. to sort the members of an unordered reply).
     */
    public DifferentialScript(String script, Function<String[], int[]> keyPositions,
                              BiFunction<String[], String, String> normalizer) {
        this.script = script;
        this.keyPositions = keyPositions;
        this.normalizer = normalizer;
    }

    /** Runs every line on both servers in the given protocol, keys under {@code prefix}. */
    public void run(int redoubtPort, int redisPort, int protocol, String prefix) throws IOException {
        try (RespProbe real = RespProbe.open(redisPort, protocol);
             RespProbe ours = RespProbe.open(redoubtPort, protocol)) {
            for (String line : script.strip().split("\n")) {
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                String[] args = split(line);
                for (int i : keyPositions.apply(args)) {
                    args[i] = prefix + args[i];
                }
                String theirs = call(real, args, line, "redis-server");
                assertThat(call(ours, args, line, "Redoubt")).as(line).isEqualTo(theirs);
            }
        }
    }

    private String call(RespProbe probe, String[] args, String line, String server) throws IOException {
        try {
            return normalizer.apply(args, probe.call(args));
        } catch (IOException e) {
            throw new IOException(server + " failed on: " + line, e);
        }
    }

    /** Splits a line into arguments: spaces separate, double quotes group (and "" is an empty argument). */
    public static String[] split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        boolean quoted = false;
        for (char ch : line.strip().toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
                cur = cur == null ? new StringBuilder() : cur;
            } else if (ch == ' ' && !quoted) {
                if (cur != null) {
                    out.add(cur.toString());
                }
                cur = null;
            } else {
                cur = cur == null ? new StringBuilder() : cur;
                cur.append(ch);
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out.toArray(String[]::new);
    }
}
