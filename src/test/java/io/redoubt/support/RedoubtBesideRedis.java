package io.redoubt.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class's pair of servers for differential tests: Redoubt and an empty real redis-server, started
 * once per class and stopped after it.
 */
public abstract class RedoubtBesideRedis {
    protected static TestServer redoubt;
    protected static RealRedis redis;

    @BeforeAll
    static void startBoth() {
        redis = RealRedis.startEmpty();
        redoubt = TestServer.start();
    }

    @AfterAll
    static void stopBoth() {
        if (redis != null) {
            redis.close();
        }
        if (redoubt != null) {
            redoubt.close();
        }
    }
}
