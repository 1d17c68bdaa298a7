package io.github.jqperf.engine;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.cpu.OshiCpuSampler;
import io.github.jqperf.engine.error.BindFailedException;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.protocol.Abort;
import io.github.jqperf.engine.protocol.NanoClock;
import io.github.jqperf.engine.protocol.ServerExchange;
import io.github.jqperf.engine.transport.Transport;
import io.github.jqperf.engine.wire.Request;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A qperf 0.4.11-compatible server: serves stock qperf clients and jqperf clients, one test at a time as qperf
 * does (docs/protocol.md §1, §2.1, §3–§5). The exchange on each control connection is {@link ServerExchange}'s;
 * this class owns the configuration, the listen socket, the transport, the queue and the threads.
 *
 * <p>Concurrency model (docs/operations.md): one accept thread; each accepted connection gets a thread of its own
 * that reads its REQ (deadline {@code -lto}), so silent connections wait side by side instead of in line. A
 * checked REQ then takes its turn: tests run one at a time, in the order their REQs arrived; while one runs, up to
 * {@link ServerConfig.Limits#queue()} more wait, each until shortly before its client's own {@code timeout} would
 * expire, then it is refused with {@value #BUSY_TIMED_OUT}; beyond the queue a request is refused at once with
 * {@code server busy: N clients waiting; try later}. Refusals are qperf's error signal (a stock client prints
 * {@code server: <text>}). Sources outside {@link ServerConfig.Limits#allow()} are closed at accept. At most
 * {@value #MAX_CONNECTIONS} connections are open at once. Every log line goes through a rate limiter.
 *
 * <p>Unlike stock qperf it never wedges: every wait has a deadline (each control phase at most
 * {@link ServerExchange#MAX_PHASE_SEC} s, whatever the REQ asks), the control connection is read during the run
 * (a client that goes away ends it at once), and a client that sends garbage, times out or vanishes gets one log
 * line. A {@code quit} request stops the server.
 *
 * <p>{@link #close()} (from any thread) stops accepting, aborts the test in progress and every waiting client (each
 * is told with qperf's error signal, text {@value #CLOSED}), returns within a second, and afterwards no thread this
 * server started is alive. Thread-safety: {@link #close()} and the accessors may be called from any thread.
 */
public final class QperfServer implements AutoCloseable {
    /** What a client whose test the server's {@link #close()} aborts is told. */
    public static final String CLOSED = "server closed";

    /** What a queued client is told when the test before it has not ended shortly before its own timeout. */
    public static final String BUSY_TIMED_OUT =
            "server busy: a test was still running when your timeout came near; try later";

    /** Connections open at once (reading a REQ, waiting, or served); more are closed at accept. */
    public static final int MAX_CONNECTIONS = 256;

    private static final long CLOSE_BUDGET_MS = 900;
    /** Listen backlog: connections are taken off it at once, so a burst waits in the kernel only briefly. */
    private static final int BACKLOG = 128;
    /** A queued client is refused this long before its own control timeout would expire. */
    private static final long QUEUE_MARGIN_MS = 1500;
    /** Stack of a connection thread: it runs the control exchange only (the data path is on the event loop). */
    private static final long CONNECTION_STACK_BYTES = 512 * 1024;

    private final ServerConfig config;
    private final ServerSocket listener;
    private final Transport transport;
    private final LoopThread loopThread;
    private final ServerExchange exchange;
    private final Thread acceptThread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object state = new Object();
    private final LogLimiter logLimiter;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionIds = new AtomicInteger();
    /** Guards {@link #waiting} and {@link #running}; notified when either changes or the server closes. */
    private final Object line = new Object();

    private final ArrayDeque<Connection> waiting = new ArrayDeque<>();
    private boolean running;
    private volatile boolean closing;
    private volatile boolean quitRequested;
    private boolean closed;

    /** One accepted control connection and its thread. */
    private final class Connection implements Runnable {
        final Socket socket;
        final Abort abort = new Abort();
        final Thread thread;

        Connection(final Socket socket) {
            this.socket = socket;
            this.thread = new Thread(
                    null, this, "jqperf-server-conn-" + connectionIds.incrementAndGet(), CONNECTION_STACK_BYTES);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                if (closing) {
                    abort.abort(CLOSED); // close() came between accept and here
                }
                if (exchange.serve(socket, abort, this::admit) == ServerExchange.Outcome.QUIT) {
                    quitRequested = true;
                    closing = true;
                    closeListener();
                    abortAll(this);
                }
            } finally {
                connections.remove(this);
                abort.finished();
            }
        }

        /** Waits for this connection's turn (see the class description). */
        private ServerExchange.Turn admit(final Request req) {
            synchronized (line) {
                if (!running && waiting.isEmpty()) {
                    running = true;
                    return this::endTurn;
                }
                final int queue = config.limits().queue();
                if (waiting.size() >= queue) {
                    throw new QperfException("server busy: " + waiting.size() + " clients waiting; try later");
                }
                waiting.addLast(this);
                final long waitMs = Math.max(0, ServerExchange.phaseMs(req.timeout()) - QUEUE_MARGIN_MS);
                final long deadlineNs = System.nanoTime() + waitMs * 1_000_000L;
                boolean admitted = false;
                try {
                    while (running || waiting.peekFirst() != this) {
                        if (abort.aborted()) {
                            throw abort.cancelled(null);
                        }
                        final long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
                        if (leftMs <= 0) {
                            throw new QperfException(BUSY_TIMED_OUT);
                        }
                        line.wait(leftMs);
                    }
                    waiting.removeFirst();
                    running = true;
                    admitted = true;
                    return this::endTurn;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    abort.abort("interrupted");
                    throw abort.cancelled(e);
                } finally {
                    if (!admitted) {
                        waiting.remove(this);
                        line.notifyAll(); // the one behind may now be first
                    }
                }
            }
        }

        private void endTurn() {
            synchronized (line) {
                running = false;
                line.notifyAll();
            }
        }
    }

    private QperfServer(final ServerConfig config, final ServerSocket listener) {
        this.config = config;
        this.listener = listener;
        this.logLimiter = new LogLimiter(config.log(), System::nanoTime);
        final CpuSampler sampler = config.sampler() != null ? config.sampler() : new OshiCpuSampler();
        this.transport = Transport.create(
                "jqperf-server", config.allowEpoll(), config.pollMode().pollMode());
        this.loopThread = LoopThread.of(transport);
        this.exchange = new ServerExchange(
                transport,
                sampler,
                config.requestTimeoutSec(),
                config.bindAddress(),
                this::log,
                NanoClock.SYSTEM,
                config.limits().maxTimeSec(),
                config.limits().maxMsgSize(),
                config.limits().idleSec());
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
        // The listener is a channel's socket, so that every accepted control socket has a channel: the probe of a
        // control connection during a run is then a non-blocking read (EOF, data or nothing), not a 1 ms timed read
        // that throws a SocketTimeoutException each time it finds nothing (ControlChannel.probe). Blocking reads,
        // SO_TIMEOUT, urgent data and SO_OOBINLINE behave as on a plain socket.
        final ServerSocket ss = java.nio.channels.ServerSocketChannel.open().socket();
        try {
            ss.setReuseAddress(true);
            // The wildcard address is [::] (dual stack) where IPv6 exists and 0.0.0.0 where it does not, so the
            // server starts on hosts without IPv6, which stock qperf cannot.
            final InetSocketAddress at = config.bindAddress() == null
                    ? new InetSocketAddress(config.listenPort())
                    : new InetSocketAddress(config.bindAddress(), config.listenPort());
            ss.bind(at, BACKLOG);
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
                        pause(); // e.g. out of file descriptors: do not spin
                    }
                    continue;
                }
                admitConnection(s);
            }
        } finally {
            stopped.countDown();
        }
    }

    /** At accept: the allow-list and the connection limit, then a thread of its own. */
    private void admitConnection(final Socket s) {
        final InetAddress source = s.getInetAddress();
        if (!config.limits().allow().permits(source)) {
            log("refused " + s.getRemoteSocketAddress() + ": not in --allow "
                    + config.limits().allow());
            reset(s);
            return;
        }
        if (connections.size() >= MAX_CONNECTIONS) {
            log("refused " + s.getRemoteSocketAddress() + ": " + MAX_CONNECTIONS + " connections open already");
            reset(s);
            return;
        }
        final Connection c = new Connection(s);
        connections.add(c);
        try {
            c.thread.start();
        } catch (OutOfMemoryError | RuntimeException e) {
            connections.remove(c);
            log("refused " + s.getRemoteSocketAddress() + ": cannot start a thread: " + e);
            reset(s);
        }
    }

    /** Closes at once with a reset: nothing is owed to a source that is refused at accept. */
    private static void reset(final Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // closing anyway
        }
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Aborts every connection but {@code except} (telling each client) and wakes the queue. */
    private void abortAll(final Connection except) {
        for (final Connection c : List.copyOf(connections)) {
            if (c != except) {
                c.abort.abort(CLOSED);
            }
        }
        synchronized (line) {
            line.notifyAll();
        }
    }

    /** Through the rate limiter: a flood of bad clients costs a bounded number of lines. */
    private void log(final String line) {
        logLimiter.log(line);
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
        abortAll(null);
        join(acceptThread, deadlineNs);
        final List<Thread> threads = new ArrayList<>();
        for (final Connection c : List.copyOf(connections)) {
            threads.add(c.thread);
        }
        for (final Thread t : threads) {
            join(t, deadlineNs);
        }
        for (final Connection c : List.copyOf(connections)) {
            tellAndClose(c.socket); // still busy (e.g. a cold start): tell its client before the process ends
        }
        transport.close();
        loopThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
    }

    /**
     * The error signal {@value #CLOSED} on a connection whose exchange did not end in time, then what the client
     * sent is read (without waiting) so that the close does not reset the text away.
     */
    private static void tellAndClose(final Socket s) {
        if (s.isClosed()) {
            return;
        }
        try {
            final io.github.jqperf.engine.control.ControlChannel cc =
                    new io.github.jqperf.engine.control.ControlChannel(s, "client");
            cc.sendError(CLOSED);
            final java.io.InputStream in = s.getInputStream();
            final int n = in.available();
            if (n > 0) {
                in.skipNBytes(n);
            }
        } catch (IOException | RuntimeException e) {
            // the client is gone: nothing to tell
        }
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void join(final Thread t, final long deadlineNs) {
        try {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
