package io.redoubt.replication;

import io.redoubt.config.Directive;
import io.redoubt.config.DirectiveRegistry;

/**
 * One class of client-output-buffer-limit: hard bytes, soft bytes, soft seconds (0 = no limit). Read from the
 * directive when the catalogue has it, else Redis's defaults for replicas (256mb 64mb 60).
 */
record ClientOutputLimit(long hard, long soft, long softSeconds) {
    static final ClientOutputLimit REPLICA_DEFAULT = new ClientOutputLimit(256L << 20, 64L << 20, 60);

    static ClientOutputLimit replica(DirectiveRegistry directives) {
        Directive d = directives.find("client-output-buffer-limit");
        if (d == null) {
            return REPLICA_DEFAULT;
        }
        String[] w = d.value().trim().split("\\s+");
        for (int i = 0; i + 3 < w.length; i += 4) {
            if (w[i].equals("slave") || w[i].equals("replica")) {
                try {
                    return new ClientOutputLimit(Long.parseLong(w[i + 1]), Long.parseLong(w[i + 2]),
                        Long.parseLong(w[i + 3]));
                } catch (NumberFormatException e) {
                    return REPLICA_DEFAULT; // CONFIG GET's form is plain numbers; anything else is not ours to read
                }
            }
        }
        return REPLICA_DEFAULT;
    }
}
