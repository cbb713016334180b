package io.redoubt.actuator;

import io.redoubt.server.Server;
import io.redoubt.tls.TlsState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** {@code /actuator/info}: versions, the network and TLS engines, the TLS generation in force. */
public class RedoubtInfoContributor implements InfoContributor {
    private final Server server;

    public RedoubtInfoContributor(Server server) {
        this.server = server;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", Server.REDOUBT_VERSION);
        info.put("redisVersion", Server.REDIS_VERSION);
        info.put("networkEngine", server.ioEngine());
        TlsState tls = server.tls().current();
        info.put("tlsEngine", tls == null ? "none" : tls.engine().displayName());
        info.put("tlsGeneration", tls == null ? 0 : tls.generation());
        builder.withDetail("redoubt", info);
    }
}
