package io.redoubt.command.generic;

import io.redoubt.support.RawConnection;
import io.redoubt.support.RealRedis;
import io.redoubt.support.RedisTools;
import io.redoubt.support.TestServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs one script of generic commands (edge cases and errors whose replies do not depend on timing or
 * hash order) against the real redis-server and against Redoubt, and compares the exact reply bytes in
 * RESP2 and RESP3. Skipped when redis-server is not installed (fails in CI).
 */
class RedisConformanceTest extends ServerTestBase {
    /** {p} is a per-protocol key prefix; tokens are split on spaces. */
    private static final String SCRIPT = """
        SET {p}a 1
        SET {p}b hello
        SET {p}big 123456789012345678901
        SET {p}long xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
        SET {p}neg -7
        EXISTS {p}a {p}a {p}b {p}nosuch
        EXISTS
        TYPE {p}a
        TYPE {p}nosuch
        OBJECT ENCODING {p}a
        OBJECT ENCODING {p}b
        OBJECT ENCODING {p}big
        OBJECT ENCODING {p}long
        OBJECT encoding {p}neg
        OBJECT ENCODING {p}nosuch
        OBJECT REFCOUNT {p}a
        OBJECT REFCOUNT {p}b
        OBJECT REFCOUNT {p}neg
        OBJECT REFCOUNT {p}nosuch
        OBJECT FREQ {p}a
        OBJECT FREQ {p}nosuch
        OBJECT IDLETIME {p}nosuch
        OBJECT
        OBJECT foo
        OBJECT encoding
        OBJECT help x
        RENAME {p}nosuch {p}x
        RENAME {p}a {p}a
        RENAME {p}nosuch {p}nosuch
        RENAMENX {p}a {p}a
        RENAMENX {p}b {p}a
        RENAMENX {p}nosuch {p}a
        RENAME {p}a
        COPY {p}a {p}a
        COPY {p}a {p}c DB 16
        COPY {p}a {p}c DB -1
        COPY {p}a {p}c DB x
        COPY {p}a {p}c DB 99999999999
        COPY {p}a {p}c foo
        COPY {p}a {p}c DB
        COPY {p}nosuch {p}nosuch DB 16
        COPY {p}a {p}a DB 0 REPLACE
        COPY {p}nosuch {p}c
        COPY {p}a {p}c
        COPY {p}a {p}c
        COPY {p}a {p}c REPLACE
        COPY {p}a {p}c REPLACE DB 1
        COPY {p}a {p}c db 1
        COPY {p}a
        MOVE {p}a 0
        MOVE {p}nosuch 0
        MOVE {p}a 16
        MOVE {p}a -1
        MOVE {p}a x
        MOVE {p}nosuch 1
        MOVE {p}c 1
        MOVE {p}b 1
        MOVE {p}b 1
        EXPIRE {p}a 10 nx xx
        EXPIRE {p}a 10 gt lt
        EXPIRE {p}a 10 nx gt
        EXPIRE {p}a 10 xx nx
        EXPIRE {p}a 10 lt lt gt
        EXPIRE {p}a 10 foo
        EXPIRE {p}a x foo
        EXPIRE {p}a x
        EXPIRE {p}a 10.5
        EXPIRE {p}a 9223372036854775807
        EXPIRE {p}a 9223372036854775
        EXPIRE {p}a -9223372036854775808
        PEXPIRE {p}a 9223372036854775807
        EXPIREAT {p}a 9223372036854775807
        PEXPIREAT {p}a abc
        EXPIRE {p}a
        EXPIREAT {p}a 4000000000 XX
        EXPIREAT {p}a 4000000000 GT
        EXPIREAT {p}a 4000000000 NX
        EXPIRETIME {p}a
        PEXPIRETIME {p}a
        EXPIREAT {p}a 4000000000 NX
        EXPIREAT {p}a 4000000000 GT
        EXPIREAT {p}a 4000000001 GT
        EXPIREAT {p}a 4000000001 LT
        PEXPIREAT {p}a 3999999999999 LT
        PEXPIRETIME {p}a
        EXPIRETIME {p}a
        PEXPIREAT {p}a 3999999999999 xx gt
        PEXPIREAT {p}a 4000000000001 XX GT
        PEXPIRETIME {p}a
        PERSIST {p}a
        PERSIST {p}a
        PERSIST {p}nosuch
        TTL {p}a
        PTTL {p}a
        EXPIRETIME {p}a
        PEXPIRETIME {p}a
        TTL {p}nosuch
        PTTL {p}nosuch
        EXPIRETIME {p}nosuch
        PEXPIRETIME {p}nosuch
        TTL
        EXPIRE {p}nosuch 10
        PEXPIREAT {p}nosuch 1
        EXPIRE {p}a 100
        TTL {p}a
        RENAME {p}a {p}d
        TTL {p}d
        EXISTS {p}a
        EXPIREAT {p}d 1
        EXISTS {p}d
        SET {p}d 5
        EXPIRE {p}d 0 LT
        EXISTS {p}d
        SET {p}d 5
        EXPIRE {p}d -1 GT
        EXPIRE {p}d -1 XX
        EXPIRE {p}d -1 NX
        EXISTS {p}d
        PEXPIREAT {p}big 9223372036854775807
        PEXPIRETIME {p}big
        EXPIRETIME {p}big
        PEXPIREAT {p}big -9223372036854775808
        EXISTS {p}big
        SCAN x
        SCAN 0 COUNT 0
        SCAN 0 COUNT -1
        SCAN 0 COUNT x
        SCAN 0 COUNT 9223372036854775808
        SCAN 0 MATCH
        SCAN 0 TYPE
        SCAN 0 foo bar
        SCAN 0 COUNT 10 foo
        SCAN 18446744073709551616
        SCAN 0x1
        SCAN 1.0
        SCAN
        SCAN 0 MATCH {p}long COUNT 1000
        SCAN 0 match {p}lon? count 1000 type STRING
        SCAN 0 MATCH {p}long COUNT 1000 TYPE list
        SCAN 0 MATCH {p}long COUNT 1000 TYPE nosuchtype
        SCAN 0 MATCH {p}long COUNT 1000 TYPE none
        SCAN +0 MATCH {p}long COUNT 1000
        SCAN -0 MATCH {p}long COUNT 1000
        SCAN 00 MATCH {p}long COUNT 1000
        TYPE {p}long {p}b
        EXPIRETIME {p}a {p}b
        PERSIST
        MOVE {p}long
        COPY {p}long {p}c DB 1 DB 16
        COPY {p}long {p}c DB 16 foo
        COPY {p}long {p}c foo DB 16
        EXPIRE {p}long 100 NX NX
        EXPIRE {p}long 100 NX NX
        TTL {p}long
        PERSIST {p}long
        KEYS {p}lon?
        KEYS {p}[l]ong
        KEYS {p}LONG
        KEYS {p}nomatch*
        KEYS
        TOUCH {p}long {p}nosuch {p}long
        TOUCH
        UNLINK {p}long {p}nosuch
        UNLINK
        DEL {p}c {p}nosuch {p}c
        DEL
        DEL {p}neg {p}a {p}b {p}c {p}d {p}x
        SELECT 1
        DEL {p}a {p}b {p}c
        SELECT 0
        RANDOMKEY
        RANDOMKEY x
        DBSIZE
        """;

    private static RealRedis redis;
    private static int redisPort;

    @BeforeAll
    static void startRealRedis() throws Exception {
        redis = RealRedis.startEmpty();
        redisPort = redis.port();
    }

    @AfterAll
    static void stopRealRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    private static List<String> run(int port, int protocol) throws IOException {
        List<String> replies = new ArrayList<>();
        try (RawConnection raw = new RawConnection(port)) {
            if (protocol == 3) {
                Resp.call(raw, "HELLO", "3");
            }
            for (String line : SCRIPT.strip().split("\n")) {
                replies.add(Resp.call(raw, line.strip().replace("{p}", "r" + protocol + ":").split(" ")));
            }
        }
        return replies;
    }

    @ParameterizedTest(name = "RESP{0}")
    @ValueSource(ints = {2, 3})
    void repliesMatchRealRedisByteForByte(int protocol) throws IOException {
        List<String> expected = run(redisPort, protocol);
        List<String> actual = run(server.port(), protocol);
        String[] lines = SCRIPT.strip().split("\n");
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < lines.length; i++) {
            soft.assertThat(actual.get(i)).as(lines[i].strip()).isEqualTo(expected.get(i));
        }
        soft.assertAll();
    }
}
