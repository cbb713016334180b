package io.redoubt.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ByteProcessor;
import io.redoubt.config.Directive;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.util.Bytes;
import io.redoubt.util.SplitArgs;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Turns the bytes a client sends into commands ({@code byte[][]}), accepting both the RESP multibulk form
 * and inline commands, with Redis's rules and error texts. Keeps its place between reads: a value arriving
 * in many packets is copied once into its own array as it arrives, never re-parsed. Protocol violations
 * become a {@link ProtocolFault} after which nothing more is read, so the handler can answer what came
 * before, send Redis's error and close.
 *
 * <p>Commands go straight to the {@code sink} (the handler that runs them) rather than down the pipeline as
 * one event each, and the few bytes of a request that has not fully arrived are kept here: on the hot path
 * a read is decoded where it lies, with no second buffer and no pipeline hop per command.
 */
public final class RespDecoder extends ChannelInboundHandlerAdapter {
    static final int INLINE_MAX = 64 * 1024;
    /**
     * Redis finds an inline request's end with strchr, which stops at a NUL byte: a line with a NUL before its
     * newline is never complete, and the client waits until 64 KB arrive and the request is refused as too
     * big. A TLS ClientHello sent to the plain port is such a line (its length bytes hold a NUL), so a TLS
     * client there waits as it does on Redis.
     */
    private static final ByteProcessor FIND_LF_OR_NUL = b -> b != '\n' && b != 0;
    private static final int UNAUTH_MAX_ARGS = 10;
    private static final int UNAUTH_MAX_BULK = 16384;
    /** The largest value a Java array can hold; a longer bulk is refused as an invalid length. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int FIRST_CHUNK = 64 * 1024;
    private static final Object SKIP = new Object();

    private final Directive maxBulk;
    private final Directive queryBufferLimit;
    private final AuthState auth;
    private final IntConsumer bytesRead;
    private final Consumer<Object> sink;

    /** Bytes read but not decoded yet: the start of a request still arriving, or requests held back; or null. */
    private ByteBuf unread;
    private byte[][] args;
    private int argsWanted;
    private int argIndex;
    private long bulkLen = -1;
    private byte[] bulk;
    private int bulkFilled;
    private boolean failed;
    /** Commands were emitted that the handler has not run yet (one of them may be an AUTH). */
    private boolean unexecuted;
    /** Decoding stopped before a request over the unauthenticated limits until those commands have run. */
    private boolean deferred;
    /** Scratch space for the digits of count lines, so parsing them allocates nothing. */
    private final byte[] digits = new byte[20];
    private final long[] parsed = new long[1];
    private final CountLineScan countLine = new CountLineScan();

    /** Whether the connection has authenticated, which lifts the small limits on unauthenticated requests. */
    public interface AuthState {
        boolean authenticated();
    }

    /**
     * {@code bytesRead} hears of every read before it is decoded (the byte counters of INFO and CLIENT LIST);
     * {@code sink} receives each command ({@code byte[][]}) in order, then at most one {@link ProtocolFault}.
     */
    public RespDecoder(DirectiveRegistry directives, AuthState auth, IntConsumer bytesRead, Consumer<Object> sink) {
        this.maxBulk = directives.get("proto-max-bulk-len");
        this.queryBufferLimit = directives.get("client-query-buffer-limit");
        this.auth = auth;
        this.bytesRead = bytesRead;
        this.sink = sink;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf data)) {
            ctx.fireChannelRead(msg);
            return;
        }
        bytesRead.accept(data.readableBytes());
        if (failed) {
            data.release();
            return;
        }
        ByteBuf in = unread == null ? data : append(ctx, unread, data);
        unread = null;
        decode(in);
        keep(in);
    }

    /** The bytes kept from earlier reads followed by this read's, in one buffer (usually the kept one). */
    private static ByteBuf append(ChannelHandlerContext ctx, ByteBuf kept, ByteBuf data) {
        try {
            int n = data.readableBytes();
            if (kept.refCnt() == 1 && !kept.isReadOnly() && kept.maxWritableBytes() >= n) {
                return kept.writeBytes(data);
            }
            ByteBuf both = ctx.alloc().buffer(kept.readableBytes() + n);
            both.writeBytes(kept).writeBytes(data);
            kept.release();
            return both;
        } finally {
            data.release();
        }
    }

    /** Keeps what is left of a read for the next one, or lets the buffer go when all of it was decoded. */
    private void keep(ByteBuf in) {
        if (!in.isReadable() || failed) {
            in.release();
            return;
        }
        in.discardSomeReadBytes();
        unread = in;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (unread != null) {
            unread.release();
            unread = null;
        }
    }

    /**
     * Called by the handler once it has run every command decoded so far. Redis parses and runs one command
     * at a time, so an AUTH pipelined before a large request lifts the unauthenticated limits for it; decoding
     * that stopped to wait for such commands resumes here, its commands (maybe a fault) going to the sink.
     */
    public void commandsExecuted() {
        unexecuted = false;
        if (!deferred || unread == null) { // nothing held back, or the connection is gone
            deferred = false;
            return;
        }
        deferred = false;
        ByteBuf in = unread;
        unread = null;
        decode(in);
        keep(in);
    }

    private void decode(ByteBuf in) {
        while (!deferred && in.isReadable()) {
            Object cmd;
            try {
                cmd = args == null && in.getByte(in.readerIndex()) != '*' ? inline(in) : multibulk(in);
            } catch (ProtocolFault fault) {
                fail(in, fault);
                return;
            }
            if (cmd == null) {
                break;
            }
            if (cmd != SKIP) {
                unexecuted = true;
                sink.accept(cmd);
            }
        }
        // Like Redis's query buffer: the bytes of the request being read that are not yet parsed
        if (bulkFilled + (long) in.readableBytes() > queryBufferLimit.asLong()) {
            fail(in, ProtocolFault.closeSilently("Closing client that reached max query buffer length"));
        }
    }

    private void fail(ByteBuf in, ProtocolFault fault) {
        failed = true;
        args = null;
        bulk = null;
        bulkFilled = 0;
        in.skipBytes(in.readableBytes());
        sink.accept(fault);
    }

    private Object inline(ByteBuf in) {
        int nl = in.forEachByte(FIND_LF_OR_NUL);
        if (nl < 0 || in.getByte(nl) == 0) {
            if (in.readableBytes() > INLINE_MAX) {
                throw ProtocolFault.reply("Protocol error: too big inline request");
            }
            return null;
        }
        int start = in.readerIndex();
        int end = nl > start && in.getByte(nl - 1) == '\r' ? nl - 1 : nl;
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        in.readerIndex(nl + 1);
        List<byte[]> parts = SplitArgs.split(line, 0, line.length);
        if (parts == null) {
            throw ProtocolFault.reply("Protocol error: unbalanced quotes in request");
        }
        if (parts.isEmpty()) {
            return SKIP;
        }
        return parts.toArray(new byte[0][]);
    }

    private Object multibulk(ByteBuf in) {
        if (args == null) {
            int lineStart = in.readerIndex();
            long n = readCountLine(in, "Protocol error: too big mbulk count string");
            if (n == NO_LINE) {
                return null;
            }
            if (n == NOT_A_NUMBER || n > Integer.MAX_VALUE) {
                throw ProtocolFault.reply("Protocol error: invalid multibulk length");
            }
            if (n > UNAUTH_MAX_ARGS && !auth.authenticated()) {
                deferOrFail(in, lineStart, "Protocol error: unauthenticated multibulk length");
                return null;
            }
            if (n <= 0) {
                return SKIP;
            }
            args = new byte[(int) Math.min(n, 1024)][];
            argsWanted = (int) n;
            argIndex = 0;
        }
        while (argIndex < argsWanted) {
            if (bulkLen < 0 && !readBulkHeader(in)) {
                return null;
            }
            if (!readBulk(in)) {
                return null;
            }
            if (argIndex == args.length) {
                args = Arrays.copyOf(args, (int) Math.min(argsWanted, args.length * 2L));
            }
            args[argIndex++] = bulk;
            bulk = null;
            bulkFilled = 0;
            bulkLen = -1;
        }
        byte[][] done = args;
        args = null;
        return done;
    }

    /** Reads "$len\r\n"; false when it has not fully arrived (or must wait for pending commands to run). */
    private boolean readBulkHeader(ByteBuf in) {
        int lineStart = in.readerIndex();
        long len = readCountLine(in, "Protocol error: too big bulk count string");
        if (len == NO_LINE) {
            return false;
        }
        byte first = in.getByte(lineStart);
        if (first != '$') {
            throw ProtocolFault.reply("Protocol error: expected '$', got '" + (char) (first & 0xff) + "'");
        }
        if (len == NOT_A_NUMBER || len < 0 || len > Math.min(maxBulk.asLong(), MAX_ARRAY)) {
            throw ProtocolFault.reply("Protocol error: invalid bulk length");
        }
        if (len > UNAUTH_MAX_BULK && !auth.authenticated()) {
            deferOrFail(in, lineStart, "Protocol error: unauthenticated bulk length");
            return false;
        }
        bulkLen = len;
        return true;
    }

    /**
     * Copies the bulk's bytes into its own array as they arrive, then skips the two bytes after it
     * (Redis does not check they are CRLF). The array grows by doubling, so a large value is neither
     * allocated whole on a client's word nor copied over and over in the read buffer.
     */
    private boolean readBulk(ByteBuf in) {
        if (bulk == null) {
            bulk = new byte[(int) Math.min(bulkLen, Math.max(in.readableBytes(), FIRST_CHUNK))];
        }
        while (bulkFilled < bulkLen && in.isReadable()) {
            if (bulkFilled == bulk.length) {
                long grown = Math.max(bulk.length * 2L, (long) bulkFilled + in.readableBytes());
                bulk = Arrays.copyOf(bulk, (int) Math.min(bulkLen, grown));
            }
            int n = Math.min(bulk.length - bulkFilled, in.readableBytes());
            in.readBytes(bulk, bulkFilled, n);
            bulkFilled += n;
        }
        if (bulkFilled < bulkLen || in.readableBytes() < 2) {
            return false;
        }
        in.skipBytes(2);
        return true;
    }

    /**
     * An unauthenticated client went over a limit. If commands decoded before it have not run yet, one of them
     * may authenticate: rewind and wait for them. Otherwise the request is refused, as Redis does.
     */
    private void deferOrFail(ByteBuf in, int lineStart, String error) {
        if (!unexecuted) {
            throw ProtocolFault.reply(error);
        }
        in.readerIndex(lineStart);
        deferred = true;
    }

    private static final long NO_LINE = Long.MIN_VALUE;
    private static final long NOT_A_NUMBER = Long.MIN_VALUE + 1;

    /**
     * Reads a "{@code <prefix><number>\r\n}" line the way Redis does: the number ends at the first CR, the byte
     * after the CR is skipped unchecked, and the number follows string2ll's rules. Returns NO_LINE when the
     * line has not fully arrived, NOT_A_NUMBER when it is not a number; the prefix is left to the caller.
     */
    private long readCountLine(ByteBuf in, String tooBig) {
        countLine.reset();
        int cr = in.forEachByte(countLine);
        if (cr < 0 || in.getByte(cr) == 0) { // Redis's strchr stops at a NUL: the line never ends
            if (in.readableBytes() > INLINE_MAX) {
                throw ProtocolFault.reply(tooBig);
            }
            return NO_LINE;
        }
        if (cr + 1 >= in.writerIndex()) {
            return NO_LINE;
        }
        int start = in.readerIndex() + 1;
        int len = cr - start;
        in.readerIndex(cr + 2);
        if (len > 0 && countLine.plain) {
            return countLine.value;
        }
        if (len <= 0 || len > digits.length) {
            return NOT_A_NUMBER;
        }
        in.getBytes(start, digits, 0, len);
        return Bytes.parseLong(digits, 0, len, parsed) && parsed[0] > NOT_A_NUMBER ? parsed[0] : NOT_A_NUMBER;
    }

    /**
     * Finds the CR that ends a count line and, in the same pass, reads the number after the prefix byte when it
     * is plainly one (digits, no leading zero, at most 18 of them, so no overflow). Anything else (a sign, a zero,
     * a stray byte) leaves {@code plain} false and the line goes through string2ll's full rules.
     */
    private static final class CountLineScan implements ByteProcessor {
        long value;
        int digits;
        boolean prefix;
        boolean plain;

        void reset() {
            value = 0;
            digits = 0;
            prefix = true;
            plain = true;
        }

        @Override
        public boolean process(byte b) {
            if (b == '\r' || b == 0) {
                return false;
            }
            if (prefix) {
                prefix = false;
                return true;
            }
            int d = b - '0';
            if (d < 0 || d > 9 || (d == 0 && digits == 0) || digits == 18) {
                plain = false;
            } else {
                value = value * 10 + d;
            }
            digits++;
            return true;
        }
    }
}
