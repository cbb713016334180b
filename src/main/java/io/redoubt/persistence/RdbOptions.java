package io.redoubt.persistence;

/**
 * How an RDB is written: the format version (10, which Redis 7.0 and 7.2 load, or 11, Redis 7.2's, which
 * adds listpack sets), LZF compression of strings ({@code rdbcompression}) and the CRC-64 at the end
 * ({@code rdbchecksum}; without it the checksum is written as 0, which readers take as "not checked").
 */
public record RdbOptions(int version, boolean compression, boolean checksum) {
    public static final int DEFAULT_VERSION = RdbFormat.VERSION_7_0;
    public static final int NEWEST_VERSION = RdbFormat.VERSION_7_2;

    public RdbOptions {
        if (version != RdbFormat.VERSION_7_0 && version != RdbFormat.VERSION_7_2) {
            throw new IllegalArgumentException("Redoubt writes RDB versions 10 and 11, not " + version);
        }
    }

    /** Version 10, compressed, with a checksum: Redis's defaults. */
    public static final RdbOptions DEFAULTS = new RdbOptions(DEFAULT_VERSION, true, true);

    public static RdbOptions from(io.redoubt.config.DirectiveRegistry d) {
        return new RdbOptions(DEFAULT_VERSION, d.get("rdbcompression").asBool(), d.get("rdbchecksum").asBool());
    }
}
