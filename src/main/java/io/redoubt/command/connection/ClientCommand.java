package io.redoubt.command.connection;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandSpec;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;

/** CLIENT and its subcommands. */
public final class ClientCommand {
    private ClientCommand() {
    }

    public static void register(CommandTable t) {
        CommandSpec client = t.container("client", -2, "sentinel", "@slow")
            .doc("A container for client connection commands.", "2.4.0", "connection", "Depends on subcommand.");
        String acl = "@slow @connection";
        client.sub("id", 2, "noscript loading stale sentinel", 0, 0, 0, acl, c -> c.reply.integer(c.client.id()))
            .doc("Returns the unique client ID of the connection.", "5.0.0", "connection", "O(1)");
        client.sub("setname", 3, "noscript loading stale sentinel", 0, 0, 0, acl, ClientCommand::setName)
            .doc("Sets the connection name.", "2.6.9", "connection", "O(1)");
        client.sub("getname", 2, "noscript loading stale sentinel", 0, 0, 0, acl, ClientCommand::getName)
            .doc("Returns the name of the connection.", "2.6.9", "connection", "O(1)");
    }

    /** Redis refuses names with spaces, newlines or other special characters. */
    public static void validateName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < '!' || ch > '~') {
                throw new RedisError("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
    }

    static void setName(CommandContext c) {
        String name = c.argString(2);
        validateName(name);
        c.client.name(name.isEmpty() ? null : name);
        c.reply.ok();
    }

    static void getName(CommandContext c) {
        c.reply.bulk(c.client.name());
    }
}
