package io.github.jqperf.engine;

import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.error.PeerException;

import io.github.jqperf.engine.conf.LocalConf;
import io.github.jqperf.engine.control.ControlChannel;
import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.cpu.OshiCpuSampler;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.transport.DataChannels;
import io.github.jqperf.engine.transport.DataRole;
import io.github.jqperf.engine.transport.Transport;
import io.github.jqperf.engine.wire.ConfCodec;
import io.github.jqperf.engine.wire.PortCodec;
import io.github.jqperf.engine.wire.Request;
import io.github.jqperf.engine.wire.RequestCodec;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.wire.StatCodec;
import io.github.jqperf.engine.wire.SyncCodec;
import io.github.jqperf.engine.wire.WireConstants;
import io.github.jqperf.engine.wire.WireFormatException;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A qperf 0.4.11-compatible server: serves stock qperf clients and jqperf clients, one request at a time as qperf
 * does (spec §1, §2.1, §3–§7).
 *
 * <p>Unlike stock qperf it never wedges: every wait has a deadline (including the data connection's accept, which
 * qperf waits for forever), and a client that sends garbage, times out or vanishes gets one log line and the server
 * goes on with the next client. A {@code quit} request stops it.
 *
 * <p>Thread-safety: {@link #close()} and the accessors may be called from any thread.
 */
public final class QperfServer implements AutoCloseable {
    /** The tests this server runs, in request-index order ("conf quit tcp_bw tcp_lat udp_bw udp_lat"). */
    private static final String SUPPORTED = Arrays.stream(TestKind.values()).map(TestKind::qperfName)
        .collect(Collectors.joining(" "));

    private final ServerConfig config;
    private final ServerSocket listener;
    private final Transport transport;
    private final CpuSampler sampler;
    private final Thread acceptThread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile boolean quitRequested;

    private QperfServer(final ServerConfig config) throws IOException {
        this.config = config;
        this.listener = bind(config);
        this.transport = Transport.create("jqperf-server", config.allowEpoll(), config.pollMode().pollMode());
        this.sampler = config.sampler() != null ? config.sampler() : new OshiCpuSampler();
        this.acceptThread = new Thread(this::acceptLoop, "jqperf-server-accept");
        this.acceptThread.setDaemon(true);
    }

    /**
     * Binds the listen port and starts serving.
     *
     * @throws QperfException {@code unable to bind to listen port} when the port cannot be bound
     */
    public static QperfServer start(final ServerConfig config) {
        final QperfServer s;
        try {
            s = new QperfServer(config);
        } catch (IOException e) {
            throw new QperfException("unable to bind to listen port", e);
        }
        s.acceptThread.start();
        return s;
    }

    private static ServerSocket bind(final ServerConfig config) throws IOException {
        final ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            // The wildcard address is [::] (dual stack) where IPv6 exists and 0.0.0.0 where it does not, so the
            // server starts on hosts without IPv6, which stock qperf cannot.
            final InetSocketAddress at = config.bindAddress() == null
                ? new InetSocketAddress(config.listenPort())
                : new InetSocketAddress(config.bindAddress(), config.listenPort());
            ss.bind(at, 5);
            return ss;
        } catch (IOException e) {
            ss.close();
            throw e;
        }
    }

    /** The control port actually bound (useful with port 0). */
    public int port() {
        return listener.getLocalPort();
    }

    /** Whether native epoll carries the data path. */
    public boolean isEpoll() {
        return transport.isEpoll();
    }

    /** True once a client sent {@code quit}. */
    public boolean quitRequested() {
        return quitRequested;
    }

    /**
     * Waits until the server stops (a {@code quit} request or {@link #close()}).
     *
     * @return true if it stopped within the time
     */
    public boolean awaitStop(final long timeout, final TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    private void acceptLoop() {
        try {
            while (!closing) {
                final Socket s;
                try {
                    s = listener.accept();
                } catch (IOException e) {
                    if (!closing) {
                        log("accept failed: " + e.getMessage());
                    }
                    continue;
                }
                serve(s);
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Serves one control connection; never throws. */
    private void serve(final Socket socket) {
        ControlChannel cc = null;
        try {
            cc = new ControlChannel(socket, "client");
            handle(cc);
        } catch (PeerException e) {
            // qperf's server exits silently when the client reports an error; say it in one line
            log("client " + peer(socket) + " reported: " + e.peerMessage());
        } catch (QperfException e) {
            final String text = e instanceof WireFormatException w ? w.reason() : e.getMessage();
            log(text + " (client " + peer(socket) + ")");
            if (cc != null) {
                cc.sendError(text);
                cc.pollPeerError(100);
            }
        } catch (IOException | RuntimeException e) {
            log("internal error serving " + peer(socket) + ": " + e);
            if (cc != null) {
                cc.sendError("internal error: " + e);
            }
        } finally {
            if (cc != null) {
                cc.close();
            } else {
                try {
                    socket.close();
                } catch (IOException e) {
                    // nothing to do
                }
            }
        }
    }

    private void handle(final ControlChannel cc) {
        final long requestTimeoutMs = config.requestTimeoutSec() * 1000L;
        final byte[] version = cc.receive(WireConstants.REQUEST_VERSION_LENGTH, WireConstants.ITEM_REQUEST_VERSION,
            requestTimeoutMs);
        final int[] v = RequestCodec.decodeVersion(ByteBuffer.wrap(version), 0, version.length);
        final String mismatch = RequestCodec.checkVersion(v[0], v[1], v[2]);
        if (mismatch != null) {
            throw new QperfException(mismatch);
        }
        final byte[] data = cc.receive(WireConstants.REQUEST_LENGTH - WireConstants.REQUEST_VERSION_LENGTH,
            WireConstants.ITEM_REQUEST_DATA, requestTimeoutMs);
        final byte[] all = new byte[WireConstants.REQUEST_LENGTH];
        System.arraycopy(version, 0, all, 0, version.length);
        System.arraycopy(data, 0, all, version.length, data.length);
        final Request req = RequestCodec.decode(all);
        final TestKind kind = TestKind.byRequestIndex(req.reqIndex()).orElseThrow(() -> unsupported(req));
        final long timeoutMs = req.timeout() * 1000L;
        try (AutoCloseable pinned = transport.pin(req.affinity())) {
            run(cc, kind, req, timeoutMs);
        } catch (QperfException e) {
            throw e;
        } catch (Exception e) {
            throw new QperfException("cannot restore processor affinity: " + e.getMessage(), e);
        }
    }

    private void run(final ControlChannel cc, final TestKind kind, final Request req, final long timeoutMs) {
        switch (kind) {
            case CONF -> cc.send(ConfCodec.encode(LocalConf.read()), WireConstants.ITEM_CONF);
            case QUIT -> {
                cc.send(SyncCodec.before(), WireConstants.ITEM_SYNC_BEFORE);
                SyncCodec.check(SyncCodec.before(), cc.receive(SyncCodec.BEFORE_LENGTH, WireConstants.ITEM_SYNC_BEFORE,
                    timeoutMs));
                quitRequested = true;
                closing = true;
                closeListener();
            }
            default -> measure(cc, kind, req, timeoutMs);
        }
    }

    private static QperfException unsupported(final Request req) {
        final String qperfName = TestKind.qperfNameOfIndex(req.reqIndex());
        if (qperfName == null) {
            return new QperfException("bad request index: " + req.reqIndex());
        }
        return new QperfException("test " + qperfName + " (index " + req.reqIndex()
            + ") is not supported by jqperf; supported: " + SUPPORTED);
    }

    private void measure(final ControlChannel cc, final TestKind kind, final Request req, final long timeoutMs) {
        final int msgSize = TestKind.clampMsgSize(req.msgSize());
        if (msgSize <= 0) {
            throw new QperfException("message size must be positive for " + kind.qperfName() + " (got "
                + req.msgSize() + "); use -m");
        }
        final DataRole role = DataChannels.serverRole(kind, msgSize, req.time(), req.accessRecv() != 0, sampler);
        if (req.port() > 65535) {
            throw new QperfException(kind.isUdp() ? "unable to make UDP socket" : "unable to make TCP socket");
        }
        try (DataChannels.Listening data = DataChannels.listen(transport, kind, (int) req.port(),
            (int) Math.min(req.sockBufSize(), Integer.MAX_VALUE), msgSize, role, cc.socket().getInetAddress())) {
            cc.send(PortCodec.encode(data.port()), WireConstants.ITEM_PORT);
            // qperf waits for the data connection forever; we wait as long as for any control message
            final Channel ch = data.awaitChannel(timeoutMs > 0 ? timeoutMs : 5000);
            cc.send(SyncCodec.before(), WireConstants.ITEM_SYNC_BEFORE);
            SyncCodec.check(SyncCodec.before(), cc.receive(SyncCodec.BEFORE_LENGTH, WireConstants.ITEM_SYNC_BEFORE,
                timeoutMs));
            role.start(ch, transport);
            final Stat stat = RunWaiter.await(role, cc, req.time(), "client");
            cc.send(StatCodec.encode(stat), WireConstants.ITEM_RESULTS);
            SyncCodec.check(SyncCodec.after(), cc.receive(SyncCodec.AFTER_LENGTH, WireConstants.ITEM_SYNC_AFTER,
                timeoutMs));
        } catch (WireFormatException e) {
            throw new QperfException(e.reason(), e);
        }
    }

    private void log(final String line) {
        try {
            config.log().accept(line);
        } catch (RuntimeException e) {
            // a failing logger must not stop the server
        }
    }

    private static String peer(final Socket s) {
        return String.valueOf(s.getRemoteSocketAddress());
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Stops accepting, waits for the request in progress (bounded), and releases the event loop. */
    @Override
    public void close() {
        closing = true;
        closeListener();
        try {
            acceptThread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }
}
