package io.redoubt.persistence.aof;

import io.redoubt.config.DirectiveRegistry;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.persistence.EncodingLimits;
import io.redoubt.persistence.RdbException;
import io.redoubt.persistence.RdbLoader;
import io.redoubt.persistence.RdbOptions;
import io.redoubt.persistence.RdbSource;
import io.redoubt.persistence.RdbWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * A base file that is an RDB snapshot (aof-use-rdb-preamble yes, Redis's default), named {@code .base.rdb}
 * and carrying the {@code aof-base} auxiliary field, as Redis 7 writes it.
 */
public final class RdbBase implements AofBaseFormat {
    private final DirectiveRegistry directives;

    public RdbBase(DirectiveRegistry directives) {
        this.directives = directives;
    }

    @Override
    public boolean rdb() {
        return true;
    }

    @Override
    public void write(RdbSource source, OutputStream out) throws IOException {
        new RdbWriter(RdbOptions.from(directives)).write(source, out, Map.of("aof-base", "1"));
    }

    @Override
    public void load(Keyspace keyspace, InputStream in, String fileName) throws IOException {
        try {
            new RdbLoader(EncodingLimits.from(directives), directives.get("rdbchecksum").asBool(), true)
                .load(in, keyspace);
        } catch (RdbException e) {
            throw new AofException("Bad RDB base " + fileName + " at offset " + e.offset() + ": " + e.reason(), e);
        }
    }
}
