package io.redoubt.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * A TLS client driven by hand over a blocking socket, so a test can stop half-way through the handshake
 * (after the server's first answer, before the client's Finished) and act meanwhile; it then sends the
 * client's last handshake flight and its first application bytes in one write, as a pipelining client does.
 */
public final class SteppedTlsClient implements AutoCloseable {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SSLEngine engine;
    private final ByteBuffer netIn;
    private final ByteBuffer appIn;
    private final ByteArrayOutputStream unsent = new ByteArrayOutputStream();
    private boolean serverClosed;

    public SteppedTlsClient(int port, SSLContext context) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        engine = context.createSSLEngine("127.0.0.1", port);
        engine.setUseClientMode(true);
        netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
    }

    /** Sends the ClientHello and returns once the server has answered it: the server has accepted the connection. */
    public SteppedTlsClient helloAnswered() throws IOException {
        engine.beginHandshake();
        while (engine.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP) {
            step();
        }
        flush();
        if (!readMore()) {
            throw new IOException("closed before answering the ClientHello");
        }
        return this;
    }

    /**
     * Completes the handshake, sends its last flight together with the application bytes, and returns the
     * plaintext the server sent until it closed the connection. Fails if the connection is still open when the
     * socket times out.
     */
    public byte[] finishSendingAndReadUntilClosed(byte[] app) throws IOException {
        HandshakeStatus hs;
        while ((hs = engine.getHandshakeStatus()) != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED) {
            step();
        }
        wrap(ByteBuffer.wrap(app));
        flush();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        while (true) {
            netIn.flip();
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            netIn.compact();
            runTasks();
            appIn.flip();
            plain.write(appIn.array(), appIn.position(), appIn.remaining());
            appIn.clear();
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                return plain.toByteArray(); // close_notify
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || r.bytesConsumed() == 0) {
                if (!readMore()) {
                    return plain.toByteArray();
                }
            }
        }
    }

    private void step() throws IOException {
        switch (engine.getHandshakeStatus()) {
            case NEED_WRAP -> wrap(NOTHING);
            case NEED_TASK -> runTasks();
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                flush();
                netIn.flip();
                SSLEngineResult r = engine.unwrap(netIn, appIn);
                netIn.compact();
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && !readMore()) {
                    throw new IOException("closed during the handshake");
                }
            }
            default -> throw new IllegalStateException("not handshaking");
        }
    }

    private void wrap(ByteBuffer src) throws IOException {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        do {
            SSLEngineResult r = engine.wrap(src, net);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new IOException("wrap: " + r.getStatus());
            }
            net.flip();
            unsent.write(net.array(), 0, net.limit());
            net.clear();
        } while (src.hasRemaining());
        runTasks();
    }

    private void runTasks() {
        for (Runnable t; (t = engine.getDelegatedTask()) != null; ) {
            t.run();
        }
    }

    private void flush() throws IOException {
        if (unsent.size() > 0) {
            out.write(unsent.toByteArray());
            out.flush();
            unsent.reset();
        }
    }

    /** Reads what the server sent next; false at end of stream or reset. */
    private boolean readMore() throws IOException {
        if (serverClosed) {
            return false;
        }
        int n;
        try {
            n = in.read(netIn.array(), netIn.position(), netIn.remaining());
        } catch (java.net.SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            n = -1; // reset
        }
        if (n < 0) {
            serverClosed = true;
            return false;
        }
        netIn.position(netIn.position() + n);
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
