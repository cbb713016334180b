package io.redoubt.command.server;

import io.redoubt.command.CommandSpec;
import io.redoubt.command.KeySpec;
import io.redoubt.net.Reply;
import java.util.Collection;
import java.util.List;

/** Writes a command's COMMAND INFO entry and COMMAND DOCS map in Redis 7's layout and reply types. */
final class CommandMetadataReply {
    private CommandMetadataReply() {
    }

    /**
     * name, arity, flags, first key, last key, step, ACL categories, tips, key specs, subcommands; null for
     * an unknown command.
     */
    static void info(Reply r, CommandSpec spec) {
        if (spec == null) {
            r.nullBulk();
            return;
        }
        r.array(10);
        r.bulk(spec.fullName());
        r.integer(spec.arity());
        simpleSet(r, spec.publicFlags());
        r.integer(spec.firstKey());
        r.integer(spec.lastKey());
        r.integer(spec.step());
        simpleSet(r, spec.aclCategories());
        r.set(spec.tips().size());
        spec.tips().forEach(r::bulk);
        List<KeySpec> keySpecs = spec.keySpecs();
        r.set(keySpecs.size());
        keySpecs.forEach(k -> k.write(r));
        Collection<CommandSpec> subs = spec.subcommands().values();
        if (subs.isEmpty()) {
            r.set(0); // Redis answers an empty set here but an array when there are subcommands
        } else {
            r.array(subs.size());
            subs.forEach(s -> info(r, s));
        }
    }

    private static void simpleSet(Reply r, List<String> items) {
        r.set(items.size());
        items.forEach(r::simple);
    }

    /** A map of command name to its documentation: summary, since, group, complexity and subcommands. */
    static void docs(Reply r, Collection<CommandSpec> specs) {
        r.map(specs.size());
        for (CommandSpec s : specs) {
            r.bulk(s.fullName());
            doc(r, s);
        }
    }

    private static void doc(Reply r, CommandSpec s) {
        boolean hasSubs = !s.subcommands().isEmpty();
        r.map(hasSubs ? 5 : 4);
        r.bulk("summary");
        r.bulk(s.summary());
        r.bulk("since");
        r.bulk(s.since());
        r.bulk("group");
        r.bulk(s.group());
        r.bulk("complexity");
        r.bulk(s.complexity());
        if (hasSubs) {
            r.bulk("subcommands");
            docs(r, s.subcommands().values());
        }
    }
}
