package io.redoubt.actuator;

import io.redoubt.server.Server;
import io.redoubt.tls.TlsException;
import io.redoubt.tls.TlsSettings;
import io.redoubt.tls.TlsState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/tls}: GET shows the TLS status; POST {@code {"action":"reload"}} reloads the files now through
 * TlsReloader. A refused reload answers 422 with the reason, and the material in force stays.
 */
@Endpoint(id = "tls")
public class TlsEndpoint {
    private final Server server;
    private final Duration warning;

    public TlsEndpoint(Server server, Duration warning) {
        this.server = server;
        this.warning = warning;
    }

    @ReadOperation
    public TlsStatus status() {
        return TlsStatus.of(server, warning);
    }

    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> reload(@Nullable String action) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!"reload".equals(action)) {
            body.put("error", "unknown action '" + action + "'; the only action is \"reload\"");
            return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
        }
        if (!TlsSettings.from(server.directives()).inUse()) {
            body.put("error", "TLS is not in use: nothing to reload");
            return new WebEndpointResponse<>(body, 409);
        }
        TlsState before = server.tls().current();
        try {
            server.tls().reload("actuator");
            body.put("reloaded", true);
            body.put("status", status());
            return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
        } catch (TlsException e) {
            body.put("reloaded", false);
            body.put("error", e.getMessage());
            body.put("inForce", before == null ? "nothing (no material was ever loaded)"
                : "generation " + before.generation() + " stays in force");
            body.put("status", status());
            return new WebEndpointResponse<>(body, 422);
        }
    }
}
