package io.redoubt.pubsub;

import io.redoubt.config.ConfigException;
import io.redoubt.config.DirectiveType;
import io.redoubt.keyspace.KeyEvents;

/**
 * notify-keyspace-events: Redis's class letters to flags and back. CONFIG GET shows Redis's normal form
 * ("A" for every class it covers, then K, E, m), which, as in Redis, drops an "n" given with "A".
 */
public final class NotifyFlags {
    private static final String LETTERS = "g$lshzxetdnKEmA";
    private static final int[] BITS = {KeyEvents.GENERIC, KeyEvents.STRING, KeyEvents.LIST, KeyEvents.SET,
        KeyEvents.HASH, KeyEvents.ZSET, KeyEvents.EXPIRED, KeyEvents.EVICTED, KeyEvents.STREAM, KeyEvents.MODULE,
        KeyEvents.NEW, KeyEvents.KEYSPACE, KeyEvents.KEYEVENT, KeyEvents.KEY_MISS, KeyEvents.ALL};

    private NotifyFlags() {
    }

    /** The directive's type: checks the letters and normalises as Redis's CONFIG GET shows them. */
    public static DirectiveType type() {
        return raw -> format(parse(raw));
    }

    public static int parse(String classes) {
        int flags = 0;
        for (int i = 0; i < classes.length(); i++) {
            int at = LETTERS.indexOf(classes.charAt(i));
            if (at < 0) {
                throw new ConfigException("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
            }
            flags |= BITS[at];
        }
        return flags;
    }

    public static String format(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & KeyEvents.ALL) == KeyEvents.ALL) {
            sb.append('A');
        } else {
            for (int i = 0; i <= 10; i++) { // g $ l s h z x e t d n, in Redis's order
                if ((flags & BITS[i]) != 0) {
                    sb.append(LETTERS.charAt(i));
                }
            }
        }
        for (int i = 11; i <= 13; i++) { // K E m
            if ((flags & BITS[i]) != 0) {
                sb.append(LETTERS.charAt(i));
            }
        }
        return sb.toString();
    }
}
