package io.redoubt.command.server;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** INFO [section ...]: Redis's sections in Redis's order; RESP3 gets the text as a verbatim string. */
public final class InfoCommand {
    /** A section: its INFO argument, its heading, and what writes its fields. */
    private record Section(String name, String title, Consumer<InfoSections> writer) {
    }

    private static final List<Section> SECTIONS = List.of(
        new Section("server", "Server", InfoSections::server),
        new Section("clients", "Clients", InfoSections::clients),
        new Section("memory", "Memory", InfoSections::memory),
        new Section("persistence", "Persistence", InfoSections::persistence),
        new Section("stats", "Stats", InfoSections::stats),
        new Section("replication", "Replication", InfoSections::replication),
        new Section("cpu", "CPU", InfoSections::cpu),
        new Section("modules", "Modules", InfoSections::modules),
        new Section("commandstats", "Commandstats", InfoSections::commandstats),
        new Section("errorstats", "Errorstats", InfoSections::errorstats),
        new Section("cluster", "Cluster", InfoSections::cluster),
        new Section("keyspace", "Keyspace", InfoSections::keyspace),
        new Section("tls", "TLS", InfoSections::tls));

    /** What INFO without arguments (or "default") shows: everything but commandstats. */
    private static final Set<String> DEFAULT = Set.of("server", "clients", "memory", "persistence", "stats",
        "replication", "cpu", "modules", "errorstats", "cluster", "keyspace", "tls");

    private InfoCommand() {
    }

    public static void register(CommandTable t) {
        t.add("info", -1, "loading stale", 0, 0, 0, "@slow @dangerous", InfoCommand::info)
            .tips("nondeterministic_output request_policy:all_shards response_policy:special")
            .doc("Returns information and statistics about the server.", "1.0.0", "server", "O(1)");
    }

    static void info(CommandContext c) {
        Set<String> wanted = new HashSet<>();
        if (c.argc() == 1) {
            wanted.addAll(DEFAULT);
        }
        for (int i = 1; i < c.argc(); i++) {
            String s = c.option(i);
            switch (s) {
                case "default" -> wanted.addAll(DEFAULT);
                case "all", "everything" -> SECTIONS.forEach(sec -> wanted.add(sec.name()));
                default -> wanted.add(s);
            }
        }
        c.reply.verbatim(render(c, wanted));
    }

    /** Sections in Redis's order whatever the order asked; unknown names add nothing. */
    static String render(CommandContext c, Set<String> wanted) {
        StringBuilder out = new StringBuilder();
        InfoSections fields = new InfoSections(c.server, out);
        for (Section s : SECTIONS) {
            if (!wanted.contains(s.name())) {
                continue;
            }
            if (out.length() > 0) {
                out.append("\r\n");
            }
            out.append("# ").append(s.title()).append("\r\n");
            s.writer().accept(fields);
        }
        return out.toString();
    }
}
