package io.redoubt.propagation;

import io.redoubt.util.Bytes;

/** The command names and option words Redis writes when it rewrites what it propagates. */
public final class Words {
    public static final byte[] DEL = Bytes.utf8("DEL");
    public static final byte[] UNLINK = Bytes.utf8("UNLINK");
    public static final byte[] SET = Bytes.utf8("SET");
    public static final byte[] PXAT = Bytes.utf8("PXAT");
    public static final byte[] KEEPTTL = Bytes.utf8("KEEPTTL");
    public static final byte[] PEXPIREAT = Bytes.utf8("PEXPIREAT");
    public static final byte[] PERSIST = Bytes.utf8("PERSIST");
    public static final byte[] HSET = Bytes.utf8("HSET");
    public static final byte[] SREM = Bytes.utf8("SREM");
    public static final byte[] LPOP = Bytes.utf8("LPOP");
    public static final byte[] RPOP = Bytes.utf8("RPOP");
    public static final byte[] LMOVE = Bytes.utf8("LMOVE");
    public static final byte[] RPOPLPUSH = Bytes.utf8("RPOPLPUSH");
    public static final byte[] ZPOPMIN = Bytes.utf8("ZPOPMIN");
    public static final byte[] ZPOPMAX = Bytes.utf8("ZPOPMAX");
    public static final byte[] MULTI = Bytes.utf8("MULTI");
    public static final byte[] EXEC = Bytes.utf8("EXEC");
    public static final byte[] SELECT = Bytes.utf8("SELECT");

    private Words() {
    }
}
