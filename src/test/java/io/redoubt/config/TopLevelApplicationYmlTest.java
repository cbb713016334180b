package io.redoubt.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The application.yml at the project root is the user's redis.conf: every supported directive must be
 * listed there, and a commented-out line must show Redis's default.
 */
class TopLevelApplicationYmlTest {
    private static final Pattern LINE = Pattern.compile("^\\s*(#\\s*)?([a-z0-9-]+):\\s*(.*)$");

    /** Defaults that depend on where the server runs: the working directory, the number of cores. */
    private static final Set<String> MACHINE_DEPENDENT = Set.of("dir", "io-threads");

    @Test
    void everyDirectiveIsListedWithItsDefault() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("application.yml"));
        DirectiveRegistry registry = DirectiveCatalog.create();
        for (Directive d : registry.all()) {
            String shown = null;
            boolean commented = false;
            for (String line : lines) {
                Matcher m = LINE.matcher(line);
                if (m.matches() && m.group(2).equals(d.name())) {
                    shown = unquote(m.group(3));
                    commented = m.group(1) != null;
                }
            }
            assertThat(shown).as("directive %s is listed in application.yml", d.name()).isNotNull();
            if (commented && !MACHINE_DEPENDENT.contains(d.name())) {
                assertThat(d.normalize(shown)).as("commented default of %s", d.name())
                    .isEqualTo(d.normalize(d.defaultValue()));
            } else if (!commented) {
                assertThat(d.normalize(shown)).as("value of %s parses", d.name()).isNotNull();
            }
        }
    }

    private static String unquote(String v) {
        String t = v.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
