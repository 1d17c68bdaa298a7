package io.github.jqperf.engine;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.cpu.OshiCpuSampler;
import io.github.jqperf.engine.error.BindFailedException;
import io.github.jqperf.engine.protocol.Abort;
import io.github.jqperf.engine.protocol.NanoClock;
import io.github.jqperf.engine.protocol.ServerExchange;
import io.github.jqperf.engine.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A qperf 0.4.11-compatible server: serves stock qperf clients and jqperf clients, one request at a time as qperf
 * does (docs/protocol.md §1, §2.1, §3–§5), on one accept thread. The exchange on each control connection is
 * {@link ServerExchange}'s; this class owns the configuration, the listen socket, the transport and the thread.
 *
 * <p>Unlike stock qperf it never wedges: every wait has a deadline (including the data connection's accept, which
 * qperf waits for forever), and a client that sends garbage, times out or vanishes gets one log line and the server
 * goes on with the next client. A {@code quit} request stops it.
 *
 * <p>{@link #close()} (from any thread) stops accepting, aborts the test in progress (the client is told with
 * qperf's error signal, text {@value #CLOSED}), returns within a second, and afterwards no thread this server
 * started is alive. Thread-safety: {@link #close()} and the accessors may be called from any thread.
 */
public final class QperfServer implements AutoCloseable {
    /** What a client whose test the server's {@link #close()} aborts is told. */
    public static final String CLOSED = "server closed";

    private static final long CLOSE_BUDGET_MS = 900;

    private final ServerConfig config;
    private final ServerSocket listener;
    private final Transport transport;
    private final LoopThread loopThread;
    private final ServerExchange exchange;
    private final Thread acceptThread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object state = new Object();
    private volatile boolean closing;
    private volatile boolean quitRequested;
    private volatile Abort current;
    private boolean closed;

    private QperfServer(final ServerConfig config, final ServerSocket listener) {
        this.config = config;
        this.listener = listener;
        final CpuSampler sampler = config.sampler() != null ? config.sampler() : new OshiCpuSampler();
        this.transport = Transport.create(
                "jqperf-server", config.allowEpoll(), config.pollMode().pollMode());
        this.loopThread = LoopThread.of(transport);
        this.exchange = new ServerExchange(
                transport, sampler, config.requestTimeoutSec(), config.bindAddress(), this::log, NanoClock.SYSTEM);
        this.acceptThread = new Thread(this::acceptLoop, "jqperf-server-accept");
        this.acceptThread.setDaemon(true);
    }

    /**
     * Binds the listen port and starts serving.
     *
     * @throws BindFailedException {@code unable to bind to listen port} when the port cannot be bound
     */
    public static QperfServer start(final ServerConfig config) {
        final ServerSocket listener;
        try {
            listener = bind(config);
        } catch (IOException e) {
            throw new BindFailedException("unable to bind to listen port", e);
        }
        final QperfServer s;
        try {
            s = new QperfServer(config, listener);
        } catch (RuntimeException | Error e) {
            try {
                listener.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
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

    /** The configuration. */
    public ServerConfig config() {
        return config;
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
     * Waits until the server stops serving (a {@code quit} request or {@link #close()}).
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
                final Abort abort = new Abort();
                current = abort;
                if (closing) {
                    abort.abort(CLOSED); // close() came between accept and here
                }
                try {
                    if (exchange.serve(s, abort) == ServerExchange.Outcome.QUIT) {
                        quitRequested = true;
                        closing = true;
                        closeListener();
                    }
                } finally {
                    current = null;
                    abort.finished();
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    private void log(final String line) {
        try {
            config.log().accept(line);
        } catch (RuntimeException e) {
            // a failing logger must not stop the server
        }
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /**
     * Stops accepting, aborts the test in progress (telling its client), releases the event loop and the accept
     * thread; returns within a second. Idempotent.
     */
    @Override
    public void close() {
        synchronized (state) {
            if (closed) {
                return;
            }
            closed = true;
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_BUDGET_MS);
        closing = true;
        closeListener();
        final Abort a = current;
        if (a != null) {
            a.abort(CLOSED);
        }
        try {
            acceptThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
        loopThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
    }
}
