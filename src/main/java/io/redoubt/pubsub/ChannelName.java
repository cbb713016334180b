package io.redoubt.pubsub;

import java.util.Arrays;

/** A channel or pattern as a map key: its bytes, compared by content. */
record ChannelName(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelName c && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
