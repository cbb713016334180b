package io.redoubt.keyspace;

/**
 * Where keyspace notifications go (notify-keyspace-events). Commands report what they did through
 * {@code CommandContext.notifyKeyEvent}; the keyspace itself reports expired keys, new keys and misses.
 * The type constants are Redis's NOTIFY_* classes; an event is published only when its class is enabled.
 */
public interface KeyEvents {
    int KEYSPACE = 1;
    int KEYEVENT = 1 << 1;
    int GENERIC = 1 << 2;
    int STRING = 1 << 3;
    int LIST = 1 << 4;
    int SET = 1 << 5;
    int HASH = 1 << 6;
    int ZSET = 1 << 7;
    int EXPIRED = 1 << 8;
    int EVICTED = 1 << 9;
    int STREAM = 1 << 10;
    int KEY_MISS = 1 << 11;
    int MODULE = 1 << 13;
    int NEW = 1 << 14;
    /** Redis's "A": every class but key misses and new keys. */
    int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    KeyEvents NONE = (type, event, db, key) -> { };

    /** Reports an event of a class on a key of database {@code db}; called with the keyspace lock held. */
    void notify(int type, String event, int db, byte[] key);
}
