package io.redoubt.command;

import io.redoubt.command.connection.ClientCommand;
import io.redoubt.command.connection.ConnectionCommands;
import io.redoubt.command.generic.KeyCommands;
import io.redoubt.command.hash.HashCommands;
import io.redoubt.command.list.ListCommands;
import io.redoubt.command.pubsub.PubSubCommands;
import io.redoubt.command.server.AofCommands;
import io.redoubt.command.server.ConfigCommand;
import io.redoubt.command.server.ServerCommands;
import io.redoubt.command.set.SetCommands;
import io.redoubt.command.string.StringCommands;
import io.redoubt.command.transaction.TransactionCommands;
import io.redoubt.command.zset.SortedSetCommands;
import io.redoubt.replication.ReplicationCommands;

/** Builds the command table from every family. A new family adds one line here. */
public final class Commands {
    private Commands() {
    }

    public static CommandTable createTable() {
        CommandTable t = new CommandTable();
        ConnectionCommands.register(t);
        ClientCommand.register(t);
        ServerCommands.register(t);
        ConfigCommand.register(t);
        AofCommands.register(t);
        StringCommands.register(t);
        KeyCommands.register(t);
        SortedSetCommands.register(t);
        HashCommands.register(t);
        SetCommands.register(t);
        ListCommands.register(t);
        TransactionCommands.register(t);
        PubSubCommands.register(t);
        ReplicationCommands.register(t);
        return t;
    }
}
