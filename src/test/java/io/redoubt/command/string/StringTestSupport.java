package io.redoubt.command.string;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.keyspace.Values;
import io.redoubt.support.TestServer;
import io.redoubt.util.Bytes;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** What the string tests need that no command offers yet: a value of another type, OBJECT ENCODING. */
final class StringTestSupport {
    private StringTestSupport() {
    }

    /** Stores a non-string value (a stand-in for a list until lists exist) at key in database 0. */
    static void putNonString(TestServer server, String key) {
        withLock(server, () -> server.server().keyspace().db(0).put(Bytes.utf8(key), new ArrayList<>(), false));
    }

    /** What OBJECT ENCODING would answer for key in database 0, or null when the key is missing. */
    static String encoding(TestServer server, String key) {
        return withLock(server, () -> {
            Dict.Entry e = server.server().keyspace().db(0).lookup(Bytes.utf8(key));
            return e == null ? null : Values.encoding(e.value);
        });
    }

    static <T> T withLock(TestServer server, Callable<T> action) {
        Keyspace ks = server.server().keyspace();
        ks.lock().lock();
        try {
            return action.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            ks.lock().unlock();
        }
    }

    /** Waits up to two seconds for a condition, such as a key with a short time to live being gone. */
    static void eventually(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 2000;
        while (!condition.get()) {
            assertThat(System.currentTimeMillis()).as("condition not met within 2s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
