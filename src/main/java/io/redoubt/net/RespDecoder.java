package io.redoubt.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import io.redoubt.config.Directive;
import io.redoubt.util.SplitArgs;
import java.util.List;

/**
 * Turns the bytes a client sends into commands ({@code byte[][]}), accepting both the RESP multibulk form
 * and inline commands. Keeps its place between reads, so a large value arriving in many packets is never
 * re-parsed. Protocol violations become a {@link ProtocolFault} after which nothing more is read, so the
 * handler can answer what came before, send Redis's error and close.
 */
public final class RespDecoder extends ByteToMessageDecoder {
    static final int INLINE_MAX = 64 * 1024;
    private static final int UNAUTH_MAX_ARGS = 10;
    private static final int UNAUTH_MAX_BULK = 16384;

    private final Directive maxBulk;
    private final Directive queryBufferLimit;
    private final AuthState auth;

    private byte[][] args;
    private int argIndex;
    private long bulkLen = -1;
    private long pendingBytes;
    private boolean failed;

    /** Whether the connection has authenticated, which lifts the small limits on unauthenticated requests. */
    public interface AuthState {
        boolean authenticated();
    }

    public RespDecoder(Directive maxBulk, Directive queryBufferLimit, AuthState auth) {
        this.maxBulk = maxBulk;
        this.queryBufferLimit = queryBufferLimit;
        this.auth = auth;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            Object cmd;
            try {
                cmd = args == null && in.getByte(in.readerIndex()) != '*' ? inline(in) : multibulk(in);
            } catch (ProtocolFault fault) {
                failed = true;
                in.skipBytes(in.readableBytes());
                out.add(fault);
                return;
            }
            if (cmd == null) {
                if (pendingBytes + in.readableBytes() > queryBufferLimit.asLong()) {
                    failed = true;
                    in.skipBytes(in.readableBytes());
                    out.add(ProtocolFault.closeSilently("closing client that reached max query buffer length"));
                }
                return;
            }
            if (cmd != SKIP) {
                out.add(cmd);
            }
        }
    }

    private static final Object SKIP = new Object();

    private Object inline(ByteBuf in) {
        int nl = in.forEachByte(ByteProcessor.FIND_LF);
        if (nl < 0) {
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
            long n = readCountLine(in, '*', "Protocol error: too big mbulk count string");
            if (n == Long.MIN_VALUE) {
                return null;
            }
            if (n > Integer.MAX_VALUE) {
                throw ProtocolFault.reply("Protocol error: invalid multibulk length");
            }
            if (!auth.authenticated() && n > UNAUTH_MAX_ARGS) {
                throw ProtocolFault.reply("Protocol error: unauthenticated multibulk length");
            }
            if (n <= 0) {
                return SKIP;
            }
            args = new byte[(int) Math.min(n, 1024)][];
            argsWanted = (int) n;
            argIndex = 0;
            pendingBytes = 0;
        }
        while (argIndex < argsWanted) {
            if (bulkLen < 0) {
                if (!in.isReadable()) {
                    return null;
                }
                byte first = in.getByte(in.readerIndex());
                if (first != '$') {
                    if (in.forEachByte(ByteProcessor.FIND_LF) < 0 && in.readableBytes() <= INLINE_MAX) {
                        return null;
                    }
                    throw ProtocolFault.reply("Protocol error: expected '$', got '" + (char) (first & 0xff) + "'");
                }
                long len = readCountLine(in, '$', "Protocol error: too big bulk count string");
                if (len == Long.MIN_VALUE) {
                    return null;
                }
                if (len < 0 || len > maxBulk.asLong()) {
                    throw ProtocolFault.reply("Protocol error: invalid bulk length");
                }
                if (!auth.authenticated() && len > UNAUTH_MAX_BULK) {
                    throw ProtocolFault.reply("Protocol error: unauthenticated bulk length");
                }
                bulkLen = len;
            }
            if (in.readableBytes() < bulkLen + 2) {
                return null;
            }
            byte[] b = new byte[(int) bulkLen];
            in.readBytes(b);
            in.skipBytes(2);
            pendingBytes += bulkLen;
            if (argIndex == args.length) {
                args = java.util.Arrays.copyOf(args, Math.min(argsWanted, args.length * 2));
            }
            args[argIndex++] = b;
            bulkLen = -1;
        }
        byte[][] done = args;
        args = null;
        pendingBytes = 0;
        return done;
    }

    private int argsWanted;

    /**
     * Reads "{@code <prefix><number>\r\n}". Returns Long.MIN_VALUE when the line is not complete yet.
     */
    private long readCountLine(ByteBuf in, char prefix, String tooBig) {
        int nl = in.forEachByte(ByteProcessor.FIND_LF);
        if (nl < 0) {
            if (in.readableBytes() > INLINE_MAX) {
                throw ProtocolFault.reply(tooBig);
            }
            return Long.MIN_VALUE;
        }
        int start = in.readerIndex() + 1;
        int end = nl > start && in.getByte(nl - 1) == '\r' ? nl - 1 : nl;
        long value = parseDecimal(in, start, end);
        in.readerIndex(nl + 1);
        if (value == Long.MIN_VALUE) {
            throw ProtocolFault.reply(prefix == '*' ? "Protocol error: invalid multibulk length"
                : "Protocol error: invalid bulk length");
        }
        return value;
    }

    private static long parseDecimal(ByteBuf in, int start, int end) {
        int len = end - start;
        if (len <= 0 || len > 19) {
            return Long.MIN_VALUE;
        }
        boolean neg = in.getByte(start) == '-';
        int i = neg ? start + 1 : start;
        if (i == end) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < end; i++) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }
}
