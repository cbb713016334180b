package io.redoubt.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.util.Bytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Database rules that the server tests cannot pin down to the millisecond; the command clock is frozen here. */
class DatabaseTest {
    private Keyspace keyspace;
    private Database db;

    @BeforeEach
    void setUp() {
        keyspace = new Keyspace(2);
        keyspace.beginCommand(System.nanoTime(), true);
        db = keyspace.db(0);
    }

    private static byte[] key(String s) {
        return Bytes.utf8(s);
    }

    /** Redis deletes a key once the clock is past its expiry time, not at it: PTTL answers 0 in that millisecond. */
    @Test
    void aKeyLivesThroughTheMillisecondOfItsExpiryTime() {
        Dict.Entry e = db.add(key("k"), key("v"));
        db.setExpire(e, keyspace.now());
        assertThat(db.lookup(key("k"))).isSameAs(e);
        assertThat(db.randomKey()).isSameAs(e);
        assertThat(db.sampleExpired(20)).containsExactly(1, 0);

        db.setExpire(e, keyspace.now() - 1);
        assertThat(db.lookup(key("k"))).isNull();
        assertThat(db.size()).isZero();
        assertThat(db.volatileSize()).isZero();
        assertThat(keyspace.expiredKeys()).isEqualTo(1);
    }

    /** Like Redis on a master, RANDOMKEY keeps drawing (and deleting expired keys) until it meets a live one. */
    @Test
    void randomKeyFindsTheOneLiveKeyAmongManyExpiredOnes() {
        for (int i = 0; i < 5000; i++) {
            db.setExpire(db.add(key("old:" + i), key("v")), keyspace.now() - 10);
        }
        Dict.Entry live = db.add(key("live"), key("v"));
        assertThat(db.randomKey()).isSameAs(live);
        assertThat(db.size()).isEqualTo(1 + db.volatileSize());
        assertThat(keyspace.expiredKeys()).isEqualTo(5000 - db.volatileSize());
    }

    @Test
    void randomKeyOfADatabaseWhoseKeysAllExpiredIsNullAndEmptiesIt() {
        for (int i = 0; i < 300; i++) {
            db.setExpire(db.add(key("old:" + i), key("v")), keyspace.now() - 10);
        }
        assertThat(db.randomKey()).isNull();
        assertThat(db.size()).isZero();
        assertThat(db.volatileSize()).isZero();
    }

    @Test
    void readCountsAndTouchesReadNoTouchOnlyCountsReadAndTouchAlwaysTouches() {
        Dict.Entry e = db.add(key("k"), key("v"));
        int nowSeconds = (int) (keyspace.now() / 1000);
        e.lruSeconds = 5;

        assertThat(db.readNoTouch(key("k"))).isSameAs(e);
        assertThat(db.readNoTouch(key("missing"))).isNull();
        assertThat(e.lruSeconds).isEqualTo(5);
        assertThat(keyspace.hits()).isEqualTo(1);
        assertThat(keyspace.misses()).isEqualTo(1);

        keyspace.beginCommand(System.nanoTime(), false); // CLIENT NO-TOUCH
        assertThat(db.read(key("k"))).isSameAs(e);
        assertThat(e.lruSeconds).isEqualTo(5);
        assertThat(db.readAndTouch(key("k"))).isSameAs(e);
        assertThat(e.lruSeconds).isEqualTo((int) (keyspace.now() / 1000)).isGreaterThanOrEqualTo(nowSeconds);
        assertThat(keyspace.hits()).isEqualTo(3);
    }

    /** A value written by a CLIENT NO-TOUCH client is still new: its idle time starts at zero, not at 1970. */
    @Test
    void newValuesGetTheirAccessTimeEvenForANoTouchClient() {
        keyspace.beginCommand(System.nanoTime(), false);
        int nowSeconds = (int) (keyspace.now() / 1000);
        assertThat(db.add(key("a"), key("1")).lruSeconds).isEqualTo(nowSeconds);
        assertThat(db.put(key("b"), key("1"), false).lruSeconds).isEqualTo(nowSeconds);
        Dict.Entry b = db.lookup(key("b"));
        b.lruSeconds = 5;
        assertThat(db.put(key("b"), key("2"), false).lruSeconds).isEqualTo(nowSeconds);
    }
}
