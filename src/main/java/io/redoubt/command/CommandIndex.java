package io.redoubt.command;

import java.nio.charset.StandardCharsets;

/**
 * Top-level commands by the bytes of their names, any case: the executor finds the command of every request
 * here without first making a lower-case String of its name. Open addressing, at most half full.
 */
final class CommandIndex {
    private byte[][] names = new byte[512][];
    private CommandSpec[] specs = new CommandSpec[512];
    private int size;

    void put(CommandSpec spec) {
        if ((size + 1) * 2 > names.length) {
            grow();
        }
        byte[] name = spec.name().getBytes(StandardCharsets.US_ASCII);
        int i = slot(name);
        if (names[i] == null) {
            size++;
        }
        names[i] = name;
        specs[i] = spec;
    }

    /** The command named {@code name} in any letter case, or null. */
    CommandSpec get(byte[] name) {
        return specs[slot(name)];
    }

    /** The slot holding {@code name}, or the empty slot where it would go. */
    private int slot(byte[] name) {
        int mask = names.length - 1;
        int i = hash(name) & mask;
        while (names[i] != null && !sameIgnoringCase(names[i], name)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        byte[][] oldNames = names;
        CommandSpec[] oldSpecs = specs;
        names = new byte[oldNames.length * 2][];
        specs = new CommandSpec[oldNames.length * 2];
        size = 0;
        for (int i = 0; i < oldNames.length; i++) {
            if (oldNames[i] != null) {
                put(oldSpecs[i]);
            }
        }
    }

    private static int hash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + lower(b);
        }
        return h ^ (h >>> 16);
    }

    /** {@code lowerName} is stored lower case; {@code name} may be any case. */
    private static boolean sameIgnoringCase(byte[] lowerName, byte[] name) {
        if (lowerName.length != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (lowerName[i] != lower(name[i])) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
