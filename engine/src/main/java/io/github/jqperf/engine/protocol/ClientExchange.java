package io.github.jqperf.engine.protocol;

import io.github.jqperf.engine.control.ControlChannel;
import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.error.CancelledException;
import io.github.jqperf.engine.error.CannotConnectException;
import io.github.jqperf.engine.error.InvalidSpecException;
import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.error.PinningException;
import io.github.jqperf.engine.error.ProtocolException;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.result.Observations;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.UsageReport;
import io.github.jqperf.engine.spec.MeasureOptions;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.transport.DataChannels;
import io.github.jqperf.engine.transport.DataRole;
import io.github.jqperf.engine.transport.Transport;
import io.github.jqperf.engine.usage.RunUsageRecorder;
import io.github.jqperf.engine.usage.UsageSampler;
import io.github.jqperf.engine.wire.ConfCodec;
import io.github.jqperf.engine.wire.PortCodec;
import io.github.jqperf.engine.wire.RequestCodec;
import io.github.jqperf.engine.wire.Requests;
import io.github.jqperf.engine.wire.StatCodec;
import io.github.jqperf.engine.wire.SyncCodec;
import io.github.jqperf.engine.wire.WireConstants;
import io.github.jqperf.engine.wire.WireFormatException;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The client's side of qperf's control-connection choreography (docs/protocol.md §2.2, §4, §4.3, §4.4, §3.8): connect (retrying once a
 * second for {@code -ws} seconds), REQ, then per test: PORT, the data connection, sync before, the run (watching
 * the control connection), STAT, sync after; conf reads CONF; quit exchanges the before-sync. Errors found here are
 * sent to the server with the error signal where qperf sends them (a failed pin, a data connection that cannot be
 * made). Every exchange runs on the caller's thread under an {@link Abort}, which ends it within a fraction of a
 * second from any thread.
 *
 * <p>What it needs from outside is passed in: the data-path transport (created on first use: conf and quit never
 * start it), the CPU sampler (a future, so a slow start-up overlaps the server's preparation), the clock.
 *
 * <p>Exceptions (messages are qperf's lines, unchanged): {@link CannotConnectException} (name lookup, control or data
 * connection), {@link io.github.jqperf.engine.error.QperfTimeoutException} (a control message did not come in
 * time), {@link PeerException} (the server's error signal), {@link PinningException} ({@code -lca}),
 * {@link ProtocolException} (bytes that are not qperf's), {@link InvalidSpecException} (a message size of 0),
 * {@link CancelledException} (aborted), plain {@link QperfException} otherwise (the server closed without a word).
 */
public final class ClientExchange {
    private final String host;
    private final int listenPort;
    private final long waitServerSec;
    private final Supplier<Transport> transport;
    private final Supplier<CompletableFuture<CpuSampler>> sampler;
    private final NanoClock clock;
    /** The process and cgroup reader ({@link MeasureOptions#usage()}), located at the first run that asks. */
    private UsageSampler usage;

    /**
     * @param host          the server's name or address literal (control and data connection)
     * @param listenPort    the server's control port ({@code -lp})
     * @param waitServerSec how long to keep trying to connect ({@code -ws}; 0 = one attempt)
     * @param transport     the data-path transport, asked for only by measurement tests
     * @param sampler       the CPU sampler; asked for right after the REQ has gone, joined when the run starts
     * @param clock         the clock of the connect window and of the run's grace time
     */
    public ClientExchange(
            final String host,
            final int listenPort,
            final long waitServerSec,
            final Supplier<Transport> transport,
            final Supplier<CompletableFuture<CpuSampler>> sampler,
            final NanoClock clock) {
        this.host = host;
        this.listenPort = listenPort;
        this.waitServerSec = waitServerSec;
        this.transport = transport;
        this.sampler = sampler;
        this.clock = clock;
    }

    /**
     * {@code conf}: the server's configuration.
     *
     * @param params the parameters, defaults applied (only their remote copies travel)
     */
    public Conf conf(final ParamSet params, final Abort abort) {
        try (ControlChannel cc = open(TestKind.CONF, params, resolve(), abort)) {
            try {
                return ConfCodec.decode(
                        cc.receive(WireConstants.CONF_LENGTH, WireConstants.ITEM_CONF, timeoutMs(params)));
            } finally {
                abort.release(cc);
            }
        } catch (WireFormatException e) {
            throw abort.translate(new ProtocolException("failed to receive configuration: " + e.reason(), e));
        } catch (RuntimeException e) {
            throw abort.translate(e);
        }
    }

    /** {@code quit}: the server exits. */
    public void quit(final ParamSet params, final Abort abort) {
        try (ControlChannel cc = open(TestKind.QUIT, params, resolve(), abort)) {
            try {
                cc.send(SyncCodec.before(), WireConstants.ITEM_SYNC_BEFORE);
                SyncCodec.check(
                        SyncCodec.before(),
                        cc.receive(SyncCodec.BEFORE_LENGTH, WireConstants.ITEM_SYNC_BEFORE, timeoutMs(params)));
            } finally {
                abort.release(cc);
            }
        } catch (WireFormatException e) {
            throw abort.translate(new ProtocolException(e.reason(), e));
        } catch (RuntimeException e) {
            throw abort.translate(e);
        }
    }

    /**
     * A measurement test (tcp_bw, tcp_lat, udp_bw, udp_lat).
     *
     * @param params the parameters, defaults applied
     */
    public RunStats measure(final TestKind kind, final ParamSet params, final Abort abort) {
        return measure(kind, params, MeasureOptions.NONE, abort);
    }

    /**
     * A measurement test recording what {@code options} asks for beyond qperf's figures.
     *
     * @param params the parameters, defaults applied
     */
    public RunStats measure(
            final TestKind kind, final ParamSet params, final MeasureOptions options, final Abort abort) {
        return measure(kind, params, options, null, abort);
    }

    /**
     * A measurement test recording what {@code options} asks for, telling {@code intervals} (may be null) about
     * each interval sample as it is taken (on the sampler's thread).
     *
     * @param params the parameters, defaults applied
     */
    public RunStats measure(
            final TestKind kind,
            final ParamSet params,
            final MeasureOptions options,
            final Consumer<IntervalSample> intervals,
            final Abort abort) {
        if (!kind.isMeasurement()) {
            throw new InvalidSpecException(kind.qperfName() + " is not a measurement test");
        }
        final int msgSize = TestKind.clampMsgSize(params.local(Param.MSG_SIZE));
        if (msgSize <= 0) {
            throw new InvalidSpecException("message size must be positive for " + kind.qperfName() + "; use -m");
        }
        try {
            final InetAddress[] addresses = resolve();
            // The REQ goes out first; OSHI, the event loop (native epoll) and the CPU pinning start while the
            // server prepares its data socket, so none of them delays the request.
            try (ControlChannel cc = open(kind, params, addresses, abort)) {
                try {
                    final CompletableFuture<CpuSampler> cpu = sampler.get();
                    final Transport t = transport.get();
                    final AutoCloseable pinned = pin(t, params.local(Param.AFFINITY), cc);
                    try (pinned) {
                        return run(cc, t, kind, params, addresses, msgSize, cpu, abort, options, intervals);
                    } catch (QperfException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new QperfException("cannot restore processor affinity: " + e.getMessage(), e);
                    }
                } finally {
                    abort.release(cc);
                }
            } catch (WireFormatException e) {
                throw new ProtocolException(e.reason(), e);
            }
        } catch (RuntimeException e) {
            throw abort.translate(e);
        }
    }

    /** Pins as {@code -lca} says; a failure goes to the server at once (it would otherwise wait for the data). */
    private static AutoCloseable pin(final Transport t, final long affinity, final ControlChannel cc) {
        try {
            return t.pin(affinity);
        } catch (QperfException e) {
            cc.sendError(e.getMessage());
            throw e instanceof PinningException ? e : new PinningException(e.getMessage(), e);
        }
    }

    private RunStats run(
            final ControlChannel cc,
            final Transport t,
            final TestKind kind,
            final ParamSet params,
            final InetAddress[] addresses,
            final int msgSize,
            final CompletableFuture<CpuSampler> cpu,
            final Abort abort,
            final MeasureOptions options,
            final Consumer<IntervalSample> intervals) {
        final long timeSec = params.local(Param.TIME);
        final long timeoutMs = timeoutMs(params);
        final int port = PortCodec.decode(cc.receivePort(timeoutMs));
        final CpuSampler qperfCpu = join(cpu, abort);
        final RunUsageRecorder recorder = options.usage() ? new RunUsageRecorder(qperfCpu, usageSampler()) : null;
        final DataRole role = DataChannels.clientRole(
                kind, msgSize, timeSec, recorder != null ? recorder : qperfCpu, options.rateBitsPerSec());
        abort.role(role);
        final Channel ch;
        try {
            ch = DataChannels.connect(t, kind, addresses, port, msgSize, role, timeoutMs);
        } catch (QperfException e) {
            abort.check();
            cc.sendError(e.getMessage());
            throw new CannotConnectException(e.getMessage(), e.getCause());
        }
        abort.data(ch);
        try (RunObserver observer = RunObserver.attach(kind, params, options, role, intervals)) {
            cc.send(SyncCodec.before(), WireConstants.ITEM_SYNC_BEFORE);
            SyncCodec.check(
                    SyncCodec.before(), cc.receive(SyncCodec.BEFORE_LENGTH, WireConstants.ITEM_SYNC_BEFORE, timeoutMs));
            abort.check();
            role.start(ch, t);
            observer.started();
            final Stat local = RunWaiter.await(role, cc, timeSec, "server", abort, clock);
            final Observations observed = observer.finish(); // this side's run is over: the last interval ends now
            final Stat remote =
                    StatCodec.decode(cc.receive(WireConstants.STAT_LENGTH, WireConstants.ITEM_RESULTS, timeoutMs));
            cc.send(SyncCodec.after(), WireConstants.ITEM_SYNC_AFTER);
            if (recorder == null) {
                return new RunStats(local, remote, observed);
            }
            // qperf's exchange is over; a jqperf server answers this (docs/protocol.md §13), a stock one has closed
            final Optional<UsageReport> mine =
                    recorder.report(local.s().bytes(), local.r().bytes());
            final UsageReport theirs = UsageExtension.request(
                    cc,
                    timeoutMs > 0 ? Math.min(UsageExtension.CLIENT_WAIT_MS, timeoutMs) : UsageExtension.CLIENT_WAIT_MS);
            return new RunStats(
                    local,
                    remote,
                    new Observations(observed.latency(), mine, Optional.of(theirs), observed.intervals()));
        } finally {
            abort.role(null);
            abort.data(null);
            ch.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }

    private UsageSampler usageSampler() {
        if (usage == null) {
            usage = new UsageSampler();
            usage.sample(); // the first read loads classes (~0.1 s): not on the run's event loop
        }
        return usage;
    }

    private static CpuSampler join(final CompletableFuture<CpuSampler> cpu, final Abort abort) {
        try {
            return abort.await(cpu);
        } catch (CompletionException e) {
            throw new QperfException("cannot read CPU counters: " + e.getCause(), e.getCause());
        }
    }

    /** Connects (retrying once a second for {@code -ws} seconds, docs/protocol.md §2.2) and sends the REQ. */
    private ControlChannel open(
            final TestKind kind, final ParamSet params, final InetAddress[] addresses, final Abort abort) {
        final long deadlineNs = clock.nanoTime() + TimeUnit.SECONDS.toNanos(waitServerSec);
        Socket connected = null;
        while (connected == null) {
            for (final InetAddress a : addresses) {
                abort.check();
                final Socket s = new Socket();
                abort.connecting(s);
                try {
                    s.connect(new InetSocketAddress(a, listenPort), 5000);
                    connected = s;
                    break;
                } catch (IOException e) {
                    closeQuietly(s);
                } finally {
                    abort.connecting(null);
                }
            }
            if (connected == null) {
                if (clock.nanoTime() - deadlineNs >= 0) {
                    abort.check();
                    throw new CannotConnectException(host + ": failed to connect");
                }
                abort.sleep(Math.min(1000, Math.max(1, (deadlineNs - clock.nanoTime()) / 1_000_000)));
            }
        }
        final ControlChannel cc;
        try {
            cc = new ControlChannel(connected, "server");
        } catch (IOException e) {
            closeQuietly(connected);
            abort.check();
            throw new CannotConnectException(host + ": failed to connect", e);
        }
        abort.control(cc);
        try {
            cc.send(RequestCodec.encode(Requests.of(kind, params)), "request");
        } catch (RuntimeException e) {
            abort.control(null);
            cc.close();
            throw e;
        }
        return cc;
    }

    private InetAddress[] resolve() {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new CannotConnectException("getaddrinfo failed: Name or service not known", e);
        }
    }

    private static long timeoutMs(final ParamSet params) {
        return params.local(Param.TIMEOUT) * 1000L;
    }

    private static void closeQuietly(final Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
