package io.redoubt.pubsub;

/**
 * The three kinds of subscription, as Redis's pubsubtype: plain channels, glob patterns and shard channels.
 * Each has its confirmation words and its message word; channels and patterns share one subscription count
 * in confirmations, shard channels count apart.
 */
public enum SubscriptionKind {
    CHANNEL("subscribe", "unsubscribe"),
    PATTERN("psubscribe", "punsubscribe"),
    SHARD("ssubscribe", "sunsubscribe");

    private final byte[] subscribeWord;
    private final byte[] unsubscribeWord;

    SubscriptionKind(String subscribe, String unsubscribe) {
        this.subscribeWord = subscribe.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.unsubscribeWord = unsubscribe.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public byte[] subscribeWord() {
        return subscribeWord;
    }

    public byte[] unsubscribeWord() {
        return unsubscribeWord;
    }
}
