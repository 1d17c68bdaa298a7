package io.github.jqperf.engine;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.cpu.OshiCpuSampler;
import io.github.jqperf.engine.error.CancelledException;
import io.github.jqperf.engine.error.InvalidSpecException;
import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.protocol.Abort;
import io.github.jqperf.engine.protocol.ClientExchange;
import io.github.jqperf.engine.protocol.NanoClock;
import io.github.jqperf.engine.protocol.RunStats;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.spec.MeasureOptions;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import io.github.jqperf.engine.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A qperf 0.4.11-compatible client: runs tests against a stock qperf server or a {@link QperfServer}, one control
 * connection per test (docs/protocol.md §2.2, §4, §4.3, §4.4). Never prints; failures are {@link QperfException}s whose message is
 * the line qperf prints, typed by what went wrong (see {@link io.github.jqperf.engine.error}: {@link PeerException}
 * for errors the server reported).
 *
 * <p>Tests run one at a time (a second caller waits for the first); {@link #runAsync} runs one on a thread of its
 * own, cancellable through its {@link RunHandle}. The control-connection exchange itself lives in
 * {@link ClientExchange}; this class owns the configuration, the data-path transport (created at the first
 * measurement), the CPU sampler (OSHI, started in the background at the first measurement) and the threads.
 *
 * <p>{@link #close()} may be called from any thread: it aborts a running test (the server is told with qperf's
 * error signal, text {@value #CLOSED}; the test ends with a {@link CancelledException}), returns within a second,
 * and afterwards no thread this client started is alive. A closed client refuses further work with
 * {@link CancelledException} ({@value #CLOSED}).
 *
 * <p>Interrupting the thread of a {@link #run}/{@link #measure} cancels the test ({@link CancelledException}
 * "interrupted", the server is told) while it waits to connect, for the CPU sampler or for the data path; a blocked
 * control-connection read is not interruptible (it ends at its {@code -to} deadline): use {@link #close()} or
 * {@link RunHandle#cancel()} to end a test at once.
 */
public final class QperfClient implements AutoCloseable {
    /** The reason a test ends with when the client is closed under it, and what a closed client answers. */
    public static final String CLOSED = "client closed";

    private static final long CLOSE_BUDGET_MS = 900;
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final ClientConfig config;
    private final ClientExchange exchange;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final Set<Abort> running = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Object state = new Object();
    private boolean closed;
    private Transport transport;
    private LoopThread loopThread;
    /** OSHI takes tens of milliseconds to start: begun in the background, joined at the first measurement. */
    private CompletableFuture<CpuSampler> sampler;

    private Thread samplerThread;

    /** Creates a client; nothing connects until a test runs, and conf/quit never start the data path. */
    public QperfClient(final ClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.exchange = new ClientExchange(
                config.host(),
                config.listenPort(),
                config.waitServerSec(),
                this::transport,
                this::sampler,
                NanoClock.SYSTEM);
    }

    /** The configuration. */
    public ClientConfig config() {
        return config;
    }

    /** Whether native epoll carries the data path (starts the transport). */
    public boolean isEpoll() {
        return transport().isEpoll();
    }

    private Transport transport() {
        synchronized (state) {
            ensureOpen();
            if (transport == null) {
                transport = Transport.create(
                        "jqperf-client", config.allowEpoll(), config.pollMode().pollMode());
                loopThread = LoopThread.of(transport);
            }
            return transport;
        }
    }

    /**
     * The sampler, started once the first REQ is on the wire (so it never delays the REQ, even when the client is
     * pinned to one CPU), on a thread of our own; joined when the run starts.
     */
    private CompletableFuture<CpuSampler> sampler() {
        synchronized (state) {
            ensureOpen();
            if (sampler == null) {
                if (config.sampler() != null) {
                    sampler = CompletableFuture.completedFuture(config.sampler());
                } else {
                    final CompletableFuture<CpuSampler> f = new CompletableFuture<>();
                    final Thread t = new Thread(
                            () -> {
                                try {
                                    f.complete(new OshiCpuSampler());
                                } catch (Throwable e) {
                                    f.completeExceptionally(e);
                                }
                            },
                            "jqperf-client-cpu-init-" + SEQ.incrementAndGet());
                    t.setDaemon(true);
                    sampler = f;
                    samplerThread = t;
                    t.start();
                }
            }
            return sampler;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new CancelledException(CLOSED);
        }
    }

    /**
     * Runs {@code conf}: the server's configuration (qperf's defaults: time 2, timeout 5).
     */
    public Conf conf() {
        return conf(new ParamSet());
    }

    /**
     * Runs {@code conf}: the server's configuration.
     *
     * @param userParams parameters (only their remote copies travel; qperf sends time 2 and timeout 5 even here)
     */
    public Conf conf(final ParamSet userParams) {
        final ParamSet params = TestKind.CONF.withDefaults(userParams);
        return execute(register(), a -> exchange.conf(params, a));
    }

    /** Runs {@code quit}: the server exits. */
    public void quit() {
        quit(new ParamSet());
    }

    /** Runs {@code quit} with these parameters: the server exits. */
    public void quit(final ParamSet userParams) {
        final ParamSet params = TestKind.QUIT.withDefaults(userParams);
        execute(register(), a -> {
            exchange.quit(params, a);
            return null;
        });
    }

    /**
     * Runs a measurement test (tcp_bw, tcp_lat, udp_bw, udp_lat) and returns both sides' statistics (qperf's
     * command line prints from them). qperf's per-test defaults (time 2, timeout 5, the test's message size) fill
     * whatever {@code userParams} leaves unset. Listeners are not told (see {@link #run}).
     *
     * @throws InvalidSpecException for conf/quit or a message size of 0
     */
    public Measurement measure(final TestKind kind, final ParamSet userParams) {
        return measure(kind, userParams, MeasureOptions.NONE);
    }

    /**
     * As {@link #measure(TestKind, ParamSet)}, recording what {@code options} asks for beyond qperf's figures.
     *
     * @throws InvalidSpecException for conf/quit or a message size of 0
     */
    public Measurement measure(final TestKind kind, final ParamSet userParams, final MeasureOptions options) {
        return measure(kind, userParams, options, null);
    }

    /**
     * As {@link #measure(TestKind, ParamSet, MeasureOptions)}, telling {@code listener} (may be null) about each
     * interval sample as it is taken ({@link TestListener#onInterval}, on the sampler's thread; only that callback).
     *
     * @throws InvalidSpecException for conf/quit or a message size of 0
     */
    public Measurement measure(
            final TestKind kind, final ParamSet userParams, final MeasureOptions options, final TestListener listener) {
        final ParamSet params = kind.withDefaults(userParams);
        if (!kind.isMeasurement()) {
            throw new InvalidSpecException(kind.qperfName() + " is not a measurement test");
        }
        Objects.requireNonNull(options, "options");
        return execute(register(), a -> {
            final RunStats s =
                    exchange.measure(kind, params, options, listener == null ? null : listener::onInterval, a);
            return new Measurement(kind, params.copy(), s.local(), s.remote(), s.observed());
        });
    }

    /**
     * {@code --find-rate}: searches the highest udp_bw pacing rate whose datagram loss is at most
     * {@code maxLossFraction}, with udp_bw probes against this client's server (a stock qperf server too: the pacing
     * is the client's) within {@code budgetNanos}: an unpaced probe for the ceiling, then bisection over paced probes
     * of the test's {@code -t} or shorter (docs/udp-rate.md). Listeners are not told.
     *
     * @param userParams      udp_bw's parameters (qperf's defaults fill the rest; {@code -t} bounds each probe)
     * @param options         what each probe records beyond qperf's figures (its rate is the search's)
     * @param maxLossFraction the loss a rate may have, in [0, 1] (0.001 = 0.1 %)
     * @param budgetNanos     the time budget, &gt; 0; a probe starts only when the longest one so far still fits
     * @return the rate found and every probe
     * @throws IllegalArgumentException on a threshold or budget out of range
     * @throws QperfException when a probe fails
     */
    public io.github.jqperf.engine.result.RateSearchResult findRate(
            final ParamSet userParams,
            final MeasureOptions options,
            final double maxLossFraction,
            final long budgetNanos) {
        if (!(maxLossFraction >= 0 && maxLossFraction <= 1)) {
            throw new IllegalArgumentException("maxLossFraction must be in [0, 1], got " + maxLossFraction);
        }
        if (budgetNanos <= 0) {
            throw new IllegalArgumentException("budgetNanos must be > 0, got " + budgetNanos);
        }
        return RateFinder.find(
                this, userParams, Objects.requireNonNull(options, "options"), maxLossFraction, budgetNanos);
    }

    /**
     * Runs a measurement test on the calling thread, telling the configured listeners.
     *
     * @return the typed result
     * @throws QperfException what went wrong (typed; {@link CancelledException} when the client was closed)
     */
    public Result run(final TestSpec spec) {
        return execute(register(), a -> runSpec(spec, config.listeners(), a));
    }

    /** As {@link #runAsync(TestSpec, TestListener)} without an extra listener. */
    public RunHandle runAsync(final TestSpec spec) {
        return runAsync(spec, null);
    }

    /**
     * Starts a measurement test on a new thread and returns at once. The configured listeners and {@code listener}
     * (if not null) are told.
     *
     * @throws CancelledException when the client is closed
     */
    public RunHandle runAsync(final TestSpec spec, final TestListener listener) {
        Objects.requireNonNull(spec, "spec");
        final List<TestListener> listeners = new ArrayList<>(config.listeners());
        if (listener != null) {
            listeners.add(listener);
        }
        final Abort abort = register();
        final CompletableFuture<Result> future = new CompletableFuture<>();
        final RunHandle handle = new RunHandle(future, abort);
        final Thread t = new Thread(
                () -> {
                    try {
                        future.complete(runLocked(abort, a -> runSpec(spec, listeners, a)));
                    } catch (Throwable e) {
                        future.completeExceptionally(e);
                    } finally {
                        running.remove(abort);
                        abort.finished();
                        threads.remove(Thread.currentThread());
                    }
                },
                "jqperf-client-run-" + SEQ.incrementAndGet());
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return handle;
    }

    private Result runSpec(final TestSpec spec, final List<TestListener> listeners, final Abort abort) {
        for (final TestListener l : listeners) {
            try {
                l.onTestStart(spec);
            } catch (RuntimeException e) {
                // a failing listener must not stop the test
            }
        }
        Result result = null;
        QperfException error = null;
        try {
            final RunStats s = exchange.measure(
                    spec.kind(),
                    spec.params(),
                    spec.options(),
                    sample -> {
                        for (final TestListener l : listeners) {
                            try {
                                l.onInterval(sample);
                            } catch (RuntimeException e) {
                                // a failing listener must not stop the test
                            }
                        }
                    },
                    abort);
            result = Result.of(spec, s.local(), s.remote(), s.observed());
            return result;
        } catch (QperfException e) {
            error = e;
            throw e;
        } finally {
            for (final TestListener l : listeners) {
                try {
                    l.onTestEnd(spec, result, error);
                } catch (RuntimeException e) {
                    // a failing listener must not change the outcome
                }
            }
        }
    }

    /** A new run's abort handle, registered so that {@link #close()} finds it. */
    private Abort register() {
        final Abort abort = new Abort();
        synchronized (state) {
            ensureOpen();
            running.add(abort);
        }
        return abort;
    }

    /** Runs {@code body} on this thread under the one-test-at-a-time lock, then unregisters. */
    private <T> T execute(final Abort abort, final Function<Abort, T> body) {
        try {
            return runLocked(abort, body);
        } finally {
            running.remove(abort);
            abort.finished();
        }
    }

    private <T> T runLocked(final Abort abort, final Function<Abort, T> body) {
        try {
            while (!oneAtATime.tryLock(50, TimeUnit.MILLISECONDS)) {
                if (abort.aborted()) {
                    throw abort.cancelled(null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted");
        }
        try {
            if (abort.aborted()) {
                throw abort.cancelled(null);
            }
            return body.apply(abort);
        } finally {
            oneAtATime.unlock();
        }
    }

    /**
     * Aborts a running test (the server is told), waits for it to stop, releases the event loop and every thread
     * this client started; returns within a second. Idempotent; afterwards every method throws
     * {@link CancelledException}.
     */
    @Override
    public void close() {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_BUDGET_MS);
        final Transport t;
        final LoopThread loop;
        final Thread init;
        synchronized (state) {
            if (closed) {
                return;
            }
            closed = true;
            t = transport;
            loop = loopThread;
            transport = null;
            init = samplerThread;
        }
        for (final Abort a : running) {
            a.abort(CLOSED);
        }
        for (final Abort a : running) {
            a.awaitDone(leftMs(deadlineNs));
        }
        for (final Thread th : threads) {
            join(th, leftMs(deadlineNs));
        }
        if (t != null) {
            t.close();
            loop.join(leftMs(deadlineNs));
        }
        if (init != null) {
            join(init, leftMs(deadlineNs));
        }
    }

    private static long leftMs(final long deadlineNs) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
    }

    private static void join(final Thread t, final long ms) {
        try {
            t.join(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
