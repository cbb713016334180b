package io.redoubt.keyspace;

/**
 * What a key looked like before a write command, for WATCH: Redis invalidates a watched key only when a
 * command actually modified it (signalModifiedKey), not for every write command naming it. A key changed
 * when it appeared or went, or its entry, value object, value contents ({@link Values#version}) or expiry
 * differ. A key already past its expiry counts as absent, so deleting it on access is not a change here (its
 * expiry marks watchers itself).
 */
public final class KeyState {
    private final byte[] key;
    private final Dict.Entry entry;
    private final Object value;
    private final long version;
    private final long expireAt;

    private KeyState(byte[] key, Dict.Entry entry) {
        this.key = key;
        this.entry = entry;
        this.value = entry == null ? null : entry.value;
        this.version = entry == null ? 0 : Values.version(entry.value);
        this.expireAt = entry == null ? 0 : entry.expireAt;
    }

    /** The key as it is now, without expiring or touching it. */
    public static KeyState of(Database db, byte[] key) {
        Dict.Entry e = db.dict().find(key);
        return new KeyState(key, e == null || db.isExpired(e) ? null : e);
    }

    public byte[] key() {
        return key;
    }

    /** Whether the key differs now from when this state was taken. */
    public boolean changedIn(Database db) {
        KeyState now = of(db, key);
        return now.entry != entry || now.value != value || now.version != version || now.expireAt != expireAt;
    }
}
