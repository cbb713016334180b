package io.redoubt.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.net.Client;
import io.redoubt.server.Server;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica's side of the handshake, step by step as Redis's syncWithMaster: PING, AUTH [masteruser]
 * masterauth, REPLCONF listening-port (and ip-address), REPLCONF capa eof capa psync2, then PSYNC with our
 * replication ID and offset (or {@code ? -1} with no history). +CONTINUE goes straight to the stream;
 * +FULLRESYNC is followed by the RDB payload ({@code $<len>} or {@code $EOF:<mark>}), loaded into the
 * keyspace with the lock held. Then this handler gives way to a RESP decoder and the {@link StreamApplier},
 * passing on any stream bytes that arrived with the end of the payload.
 */
final class SyncHandshake extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(SyncHandshake.class);

    private enum Step { PING, AUTH, PORT, IP, CAPA, PSYNC, BULK_HEADER, BULK_BODY }

    private final MasterLink link;
    private final Replication repl;
    private final Server server;
    private final DirectiveRegistry directives;
    private Step step;
    private String fullId;
    private long fullOffset;
    /** Payload read so far; {@code bulkLength} -1 in EOF-mark mode. */
    private byte[] payload = new byte[64 * 1024];
    private int payloadLength;
    private long bulkLength;
    private byte[] eofMark;

    SyncHandshake(MasterLink link, Replication repl, Server server) {
        this.link = link;
        this.repl = repl;
        this.server = server;
        this.directives = server.directives();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.pipeline().get(SslHandler.class) == null) {
            begin(ctx);
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent e) {
            if (e.isSuccess()) {
                begin(ctx);
            } else {
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private void begin(ChannelHandlerContext ctx) {
        log.info("MASTER <-> REPLICA sync started");
        link.handshaking();
        send(ctx, "PING");
        step = Step.PING;
    }

    private static void send(ChannelHandlerContext ctx, String... words) {
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        ctx.writeAndFlush(Unpooled.wrappedBuffer(StreamEncoding.encode(argv)));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (step != null && in.isReadable() && !ctx.isRemoved()) {
            if (step == Step.BULK_BODY) {
                readPayload(ctx, in);
                continue;
            }
            String line = readLine(in);
            if (line == null) {
                return;
            }
            if (!reply(ctx, line)) {
                return;
            }
        }
    }

    /** One reply line of the handshake; false when the link was closed. */
    private boolean reply(ChannelHandlerContext ctx, String line) {
        switch (step) {
            case PING -> {
                if (line.startsWith("-") && !line.startsWith("-NOAUTH") && !line.startsWith("-NOPERM")
                        && !line.startsWith("-ERR operation not permitted")) {
                    return fail(ctx, "Error reply to PING from master: '" + line + "'");
                }
                String pass = directives.get("masterauth").value();
                if (!pass.isEmpty()) {
                    String user = directives.get("masteruser").value();
                    if (user.isEmpty()) {
                        send(ctx, "AUTH", pass);
                    } else {
                        send(ctx, "AUTH", user, pass);
                    }
                    step = Step.AUTH;
                } else {
                    sendPort(ctx);
                }
            }
            case AUTH -> {
                if (line.startsWith("-")) {
                    return fail(ctx, "Unable to AUTH to MASTER: " + line);
                }
                sendPort(ctx);
            }
            case PORT -> {
                if (line.startsWith("-")) {
                    log.info("(Non critical) Master does not understand REPLCONF listening-port: {}", line);
                }
                String ip = directives.get("replica-announce-ip").value();
                if (!ip.isEmpty()) {
                    send(ctx, "REPLCONF", "ip-address", ip);
                    step = Step.IP;
                } else {
                    sendCapa(ctx);
                }
            }
            case IP -> {
                if (line.startsWith("-")) {
                    log.info("(Non critical) Master does not understand REPLCONF ip-address: {}", line);
                }
                sendCapa(ctx);
            }
            case CAPA -> {
                if (line.startsWith("-")) {
                    log.info("(Non critical) Master does not understand REPLCONF capa: {}", line);
                }
                sendPsync(ctx);
            }
            case PSYNC -> {
                return psyncReply(ctx, line);
            }
            case BULK_HEADER -> bulkHeader(line);
            default -> throw new IllegalStateException(step.name());
        }
        return true;
    }

    private void sendPort(ChannelHandlerContext ctx) {
        long announced = directives.get("replica-announce-port").asLong();
        long tlsPort = directives.get("tls-port").asLong();
        long port = announced != 0 ? announced
            : directives.get("tls-replication").asBool() && tlsPort != 0 ? tlsPort : directives.get("port").asLong();
        send(ctx, "REPLCONF", "listening-port", Long.toString(port));
        step = Step.PORT;
    }

    private void sendCapa(ChannelHandlerContext ctx) {
        send(ctx, "REPLCONF", "capa", "eof", "capa", "psync2");
        step = Step.CAPA;
    }

    private void sendPsync(ChannelHandlerContext ctx) {
        ReentrantLock lock = server.keyspace().lock();
        lock.lock();
        try {
            if (repl.backlog() != null) {
                log.info("Trying a partial resynchronization (request {}:{}).", repl.replid(), repl.offset() + 1);
                send(ctx, "PSYNC", repl.replid(), Long.toString(repl.offset() + 1));
            } else {
                log.info("Partial resynchronization not possible (no cached master)");
                send(ctx, "PSYNC", "?", "-1");
            }
        } finally {
            lock.unlock();
        }
        step = Step.PSYNC;
    }

    private boolean psyncReply(ChannelHandlerContext ctx, String line) {
        if (line.isEmpty()) {
            return true; // the master's keepalive newline while it prepares
        }
        if (line.startsWith("+FULLRESYNC")) {
            String[] w = line.split(" ");
            if (w.length < 3) {
                return fail(ctx, "Master replied with wrong +FULLRESYNC syntax.");
            }
            fullId = w[1];
            fullOffset = Long.parseLong(w[2]);
            log.info("Full resync from master: {}:{}", fullId, fullOffset);
            link.transferring(-1);
            step = Step.BULK_HEADER;
            return true;
        }
        if (line.startsWith("+CONTINUE")) {
            String newId = line.length() > "+CONTINUE ".length() ? line.substring("+CONTINUE ".length()).trim() : "";
            ReentrantLock lock = server.keyspace().lock();
            lock.lock();
            try {
                if (link.closed()) {
                    ctx.close(); // REPLICAOF changed while we were connecting: this master is no longer ours
                    return false;
                }
                log.info("Successful partial resynchronization with master.");
                if (!newId.isEmpty() && !newId.equals(repl.replid())) {
                    // the master has a new history (it was promoted): ours continues under its ID
                    repl.shiftId(newId);
                    log.info("Master replication ID changed to {}", newId);
                    repl.disconnectReplicas();
                }
            } finally {
                lock.unlock();
            }
            startStream(ctx, true);
            return false;
        }
        return fail(ctx, "Unexpected reply to PSYNC from master: " + line);
    }

    private void bulkHeader(String line) {
        if (line.isEmpty()) {
            return; // keepalive newlines before the payload
        }
        if (!line.startsWith("$")) {
            throw new IllegalStateException("Bad protocol from MASTER, the first byte is not '$': " + line);
        }
        if (line.startsWith("$EOF:") && line.length() == 5 + 40) {
            eofMark = line.substring(5).getBytes(StandardCharsets.US_ASCII);
            bulkLength = -1;
            log.info("MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to disk");
        } else {
            bulkLength = Long.parseLong(line.substring(1));
            link.transferring(bulkLength);
            log.info("MASTER <-> REPLICA sync: receiving {} bytes from master to disk", bulkLength);
        }
        step = Step.BULK_BODY;
    }

    private void readPayload(ChannelHandlerContext ctx, ByteBuf in) {
        int n = in.readableBytes();
        if (bulkLength >= 0) {
            n = (int) Math.min(n, bulkLength - payloadLength);
            appendPayload(in, n);
            in.skipBytes(n);
            if (payloadLength == bulkLength) {
                finishTransfer(ctx, payloadLength);
            }
            return;
        }
        int before = payloadLength;
        appendPayload(in, n);
        int from = Math.max(0, before - eofMark.length + 1);
        int at = indexOf(payload, from, payloadLength, eofMark);
        if (at < 0) {
            in.skipBytes(n);
            return;
        }
        in.skipBytes(at + eofMark.length - before); // bytes after the mark are the stream's
        finishTransfer(ctx, at);
    }

    private void appendPayload(ByteBuf in, int n) {
        if (payloadLength + n > payload.length) {
            byte[] bigger = new byte[Math.max(payload.length * 2, payloadLength + n)];
            System.arraycopy(payload, 0, bigger, 0, payloadLength);
            payload = bigger;
        }
        in.getBytes(in.readerIndex(), payload, payloadLength, n);
        payloadLength += n;
        link.transferProgress(n);
    }

    private static int indexOf(byte[] hay, int from, int end, byte[] needle) {
        outer:
        for (int i = from; i + needle.length <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void finishTransfer(ChannelHandlerContext ctx, int rdbLength) {
        log.info("MASTER <-> REPLICA sync: Loading DB in memory ({} bytes)", rdbLength);
        ReentrantLock lock = server.keyspace().lock();
        lock.lock();
        try {
            if (link.closed()) {
                ctx.close(); // REPLICAOF changed during the transfer: the data is not ours to load
                return;
            }
            repl.disconnectReplicas(); // they follow an older history: they will sync with us again
            RdbTransfer.load(server, payload, rdbLength);
            repl.adoptMaster(fullId, fullOffset);
        } finally {
            lock.unlock();
        }
        payload = null;
        log.info("MASTER <-> REPLICA sync: Finished with success");
        startStream(ctx, false);
    }

    /** Hands the connection over to the stream: RESP decoding and the applier, then leaves the pipeline. */
    private void startStream(ChannelHandlerContext ctx, boolean partial) {
        step = null;
        Client master = link.established(ctx.channel(), partial);
        StreamApplier applier = new StreamApplier(link, repl, server, master);
        ctx.pipeline().addAfter(ctx.name(), "apply", applier);
        ctx.pipeline().addAfter(ctx.name(), "resp", applier.decoder());
        ctx.pipeline().remove(this); // what is left of the read goes on to the decoder
    }

    private boolean fail(ChannelHandlerContext ctx, String why) {
        log.warn("{}", why);
        step = null;
        ctx.close();
        return false;
    }

    /** A CRLF- (or LF-) terminated line without its terminator, or null while incomplete. */
    private static String readLine(ByteBuf in) {
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (eol < 0) {
            return null;
        }
        int len = eol - in.readerIndex();
        String line = in.toString(in.readerIndex(), len, StandardCharsets.UTF_8);
        in.readerIndex(eol + 1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("Replication link error: {}", cause.toString());
        ctx.close();
    }

}
