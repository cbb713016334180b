package io.redoubt.command.connection;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.net.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * CLIENT KILL, in both of Redis's forms: {@code CLIENT KILL ip:port} (OK, or "No such client"; may kill the
 * caller) and {@code CLIENT KILL <filter> <value> ...} (filters ANDed, answers the number killed, skips the
 * caller unless SKIPME no). The caller is closed after its reply; others are closed at once.
 */
final class ClientKill {
    private ClientKill() {
    }

    static void kill(CommandContext c) {
        if (c.argc() == 3) {
            String addr = c.argString(2);
            if (killMatching(c, cl -> cl.address().equals(addr), false) == 0) {
                throw new RedisError("ERR No such client");
            }
            c.reply.ok();
            return;
        }
        List<Predicate<Client>> filters = new ArrayList<>();
        boolean skipMe = true;
        for (int i = 2; i < c.argc(); i += 2) {
            if (i + 1 >= c.argc()) {
                throw RedisError.SYNTAX;
            }
            String value = c.argString(i + 1);
            switch (c.option(i)) {
                case "id" -> {
                    String error = "ERR client-id should be greater than 0";
                    long id = c.longArg(i + 1, error);
                    if (id <= 0) {
                        throw new RedisError(error);
                    }
                    filters.add(cl -> cl.id() == id);
                }
                case "type" -> filters.add(ClientTypes.filter(value));
                case "user" -> {
                    if (!value.equals("default")) {
                        throw new RedisError("ERR No such user '" + value + "'");
                    }
                }
                case "addr" -> filters.add(cl -> cl.address().equals(value));
                case "laddr" -> filters.add(cl -> cl.localAddress().equals(value));
                case "skipme" -> {
                    if (c.argIs(i + 1, "yes")) {
                        skipMe = true;
                    } else if (c.argIs(i + 1, "no")) {
                        skipMe = false;
                    } else {
                        throw RedisError.SYNTAX;
                    }
                }
                case "maxage" -> {
                    // Redis 7.4's filter: connections older than maxage seconds
                    long maxAge = c.longArg(i + 1);
                    long now = System.currentTimeMillis();
                    filters.add(cl -> maxAge <= 0 || (now - cl.createdMs()) / 1000 > maxAge);
                }
                default -> throw RedisError.SYNTAX;
            }
        }
        Predicate<Client> all = cl -> filters.stream().allMatch(f -> f.test(cl));
        c.reply.integer(killMatching(c, all, skipMe));
    }

    private static int killMatching(CommandContext c, Predicate<Client> match, boolean skipMe) {
        int killed = 0;
        for (Client cl : c.server.clients().all()) {
            if (cl.closing() || !match.test(cl) || skipMe && cl == c.client) {
                continue; // a client already being closed is gone for Redis
            }
            cl.closeAfterReply();
            if (cl != c.client) {
                c.server.clients().remove(cl); // gone at once, as Redis frees it, though the close is async
                cl.channel().close();
            }
            killed++;
        }
        return killed;
    }
}
