package io.redoubt.pubsub;

import io.redoubt.config.Directive;
import io.redoubt.keyspace.KeyEvents;
import java.nio.charset.StandardCharsets;

/**
 * The one place keyspace notifications are published: {@code __keyspace@<db>__:<key>} with the event name as
 * message (flag K) and {@code __keyevent@<db>__:<event>} with the key as message (flag E), for the classes
 * notify-keyspace-events enables. Costs a flag test when notifications are off.
 */
public final class KeyspaceNotifier implements KeyEvents {
    private static final byte[] KEYSPACE_PREFIX = "__keyspace@".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYEVENT_PREFIX = "__keyevent@".getBytes(StandardCharsets.US_ASCII);

    private final PubSub pubsub;
    private final Directive setting;
    private String parsedFrom = "";
    private int flags;

    public KeyspaceNotifier(PubSub pubsub, Directive setting) {
        this.pubsub = pubsub;
        this.setting = setting;
    }

    @Override
    public void notify(int type, String event, int db, byte[] key) {
        int f = flags();
        if ((f & type) == 0 || !pubsub.anySubscriber()) {
            return;
        }
        byte[] eventName = event.getBytes(StandardCharsets.US_ASCII);
        if ((f & KEYSPACE) != 0) {
            pubsub.publish(channel(KEYSPACE_PREFIX, db, key), eventName, false);
        }
        if ((f & KEYEVENT) != 0) {
            pubsub.publish(channel(KEYEVENT_PREFIX, db, eventName), key, false);
        }
    }

    /** The flags in force, parsed again only when CONFIG SET changed the text (lock held, so no race). */
    private int flags() {
        String v = setting.value();
        if (!v.equals(parsedFrom)) {
            flags = NotifyFlags.parse(v);
            parsedFrom = v;
        }
        return flags;
    }

    private static byte[] channel(byte[] prefix, int db, byte[] name) {
        byte[] dbText = Integer.toString(db).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + dbText.length + 3 + name.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(dbText, 0, out, prefix.length, dbText.length);
        int at = prefix.length + dbText.length;
        out[at] = '_';
        out[at + 1] = '_';
        out[at + 2] = ':';
        System.arraycopy(name, 0, out, at + 3, name.length);
        return out;
    }
}
