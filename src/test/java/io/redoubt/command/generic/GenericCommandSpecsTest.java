package io.redoubt.command.generic;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.command.CommandSpec;
import io.redoubt.command.CommandTable;
import io.redoubt.command.Commands;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Arity, flags, key positions and ACL categories as Redis's COMMAND INFO shows them. */
class GenericCommandSpecsTest {
    private static final CommandTable TABLE = Commands.createTable();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        del             | -2 | write          | 1 | -1 | 1 | @keyspace @write @slow
        unlink          | -2 | write fast     | 1 | -1 | 1 | @keyspace @write @fast
        exists          | -2 | readonly fast  | 1 | -1 | 1 | @keyspace @read @fast
        type            |  2 | readonly fast  | 1 |  1 | 1 | @keyspace @read @fast
        keys            |  2 | readonly       | 0 |  0 | 0 | @keyspace @read @slow @dangerous
        scan            | -2 | readonly       | 0 |  0 | 0 | @keyspace @read @slow
        randomkey       |  1 | readonly       | 0 |  0 | 0 | @keyspace @read @slow
        rename          |  3 | write          | 1 |  2 | 1 | @keyspace @write @slow
        renamenx        |  3 | write fast     | 1 |  2 | 1 | @keyspace @write @fast
        copy            | -3 | write denyoom  | 1 |  2 | 1 | @keyspace @write @slow
        move            |  3 | write fast     | 1 |  1 | 1 | @keyspace @write @fast
        touch           | -2 | readonly fast  | 1 | -1 | 1 | @keyspace @read @fast
        expire          | -3 | write fast     | 1 |  1 | 1 | @keyspace @write @fast
        pexpire         | -3 | write fast     | 1 |  1 | 1 | @keyspace @write @fast
        expireat        | -3 | write fast     | 1 |  1 | 1 | @keyspace @write @fast
        pexpireat       | -3 | write fast     | 1 |  1 | 1 | @keyspace @write @fast
        ttl             |  2 | readonly fast  | 1 |  1 | 1 | @keyspace @read @fast
        pttl            |  2 | readonly fast  | 1 |  1 | 1 | @keyspace @read @fast
        expiretime      |  2 | readonly fast  | 1 |  1 | 1 | @keyspace @read @fast
        pexpiretime     |  2 | readonly fast  | 1 |  1 | 1 | @keyspace @read @fast
        persist         |  2 | write fast     | 1 |  1 | 1 | @keyspace @write @fast
        object          | -2 |                | 0 |  0 | 0 | @slow
        object encoding |  3 | readonly       | 2 |  2 | 1 | @keyspace @read @slow
        object freq     |  3 | readonly       | 2 |  2 | 1 | @keyspace @read @slow
        object idletime |  3 | readonly       | 2 |  2 | 1 | @keyspace @read @slow
        object refcount |  3 | readonly       | 2 |  2 | 1 | @keyspace @read @slow
        object help     |  2 | loading stale  | 0 |  0 | 0 | @keyspace @slow
        """)
    void matchesRedis(String name, int arity, String flags, int first, int last, int step, String acl) {
        String[] parts = name.split(" ");
        CommandSpec spec = TABLE.find(parts[0]);
        if (parts.length == 2) {
            spec = spec.subcommand(parts[1]);
        }
        assertThat(spec).as(name).isNotNull();
        assertThat(spec.fullName()).isEqualTo(String.join("|", parts));
        assertThat(spec.arity()).isEqualTo(arity);
        assertThat(spec.publicFlags()).isEqualTo(flags == null ? List.of() : List.of(flags.split(" ")));
        assertThat(List.of(spec.firstKey(), spec.lastKey(), spec.step())).containsExactly(first, last, step);
        assertThat(spec.aclCategories()).isEqualTo(List.of(acl.split(" ")));
        assertThat(spec.group()).isEqualTo("generic");
        assertThat(spec.summary()).isNotBlank();
        assertThat(spec.handler() != null).isEqualTo(!spec.isContainer());
    }
}
