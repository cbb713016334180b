package io.redoubt.tls;

/** tls-auth-clients: whether a client certificate is required, verified if sent, or not asked for. */
public enum ClientAuth {
    YES, OPTIONAL, NO;

    static ClientAuth of(String directiveValue) {
        return switch (directiveValue) {
            case "no" -> NO;
            case "optional" -> OPTIONAL;
            default -> YES;
        };
    }

    public String directiveValue() {
        return name().toLowerCase();
    }
}
