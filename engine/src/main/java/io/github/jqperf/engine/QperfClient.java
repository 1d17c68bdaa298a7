package io.github.jqperf.engine;

import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.error.PeerException;

import io.github.jqperf.engine.control.ControlChannel;
import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.cpu.OshiCpuSampler;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestSpec;
import io.github.jqperf.engine.result.TestResult;
import io.github.jqperf.engine.transport.DataChannels;
import io.github.jqperf.engine.transport.DataRole;
import io.github.jqperf.engine.transport.Transport;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.wire.ConfCodec;
import io.github.jqperf.engine.wire.PortCodec;
import io.github.jqperf.engine.wire.RequestCodec;
import io.github.jqperf.engine.wire.Requests;
import io.github.jqperf.engine.result.Stat;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A qperf 0.4.11-compatible client: runs tests against a stock qperf server or a {@link QperfServer}, one control
 * connection per test (spec §2.2, §3, §5, §6). Never prints; failures are {@link QperfException}s whose message is
 * the line qperf prints ({@link PeerException} for errors the server reported).
 *
 * <p>Not thread-safe: one test at a time. Close it to release the event loop.
 */
public final class QperfClient implements AutoCloseable {
    private final ClientConfig config;
    /** OSHI takes tens of milliseconds to start: begun in the background, joined at the first measurement. */
    private CompletableFuture<CpuSampler> sampler;
    private Transport transport;

    /** Creates a client; nothing connects until a test runs, and conf/quit never start the data path. */
    public QperfClient(final ClientConfig config) {
        this.config = config;
        this.sampler = config.sampler() != null ? CompletableFuture.completedFuture(config.sampler()) : null;
    }

    /**
     * Starts OSHI in the background once the first REQ is on the wire (so it never delays the REQ, even when the
     * client is pinned to one CPU); joined when the run starts.
     */
    private void startSampler() {
        if (sampler == null) {
            sampler = CompletableFuture.supplyAsync(OshiCpuSampler::new);
        }
    }

    /** Whether native epoll carries the data path. */
    public boolean isEpoll() {
        return transport().isEpoll();
    }

    private Transport transport() {
        if (transport == null) {
            transport = Transport.create("jqperf-client", config.allowEpoll(), config.pollMode().pollMode());
        }
        return transport;
    }

    private CpuSampler sampler() {
        startSampler();
        try {
            return sampler.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new QperfException("cannot read CPU counters: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Runs {@code conf}: the server's configuration.
     *
     * @param userParams parameters (only their remote copies travel; qperf sends time 2 and timeout 5 even here)
     */
    public Conf conf(final ParamSet userParams) {
        final ParamSet params = TestKind.CONF.withDefaults(userParams);
        try (ControlChannel cc = open(TestKind.CONF, params)) {
            return ConfCodec.decode(cc.receive(WireConstants.CONF_LENGTH, WireConstants.ITEM_CONF,
                timeoutMs(params)));
        } catch (WireFormatException e) {
            throw new QperfException("failed to receive configuration: " + e.reason(), e);
        }
    }

    /** Runs {@code quit}: the server exits. */
    public void quit(final ParamSet userParams) {
        final ParamSet params = TestKind.QUIT.withDefaults(userParams);
        try (ControlChannel cc = open(TestKind.QUIT, params)) {
            cc.send(SyncCodec.before(), WireConstants.ITEM_SYNC_BEFORE);
            SyncCodec.check(SyncCodec.before(), cc.receive(SyncCodec.BEFORE_LENGTH, WireConstants.ITEM_SYNC_BEFORE,
                timeoutMs(params)));
        } catch (WireFormatException e) {
            throw new QperfException(e.reason(), e);
        }
    }

    /**
     * Runs a measurement test (tcp_bw, tcp_lat, udp_bw, udp_lat). qperf's per-test defaults (time 2, timeout 5, the
     * test's message size) fill whatever {@code userParams} leaves unset ({@link TestKind#applyDefaults}).
     */
    public Measurement measure(final TestKind kind, final ParamSet userParams) {
        final ParamSet params = kind.withDefaults(userParams);
        if (!kind.isMeasurement()) {
            throw new IllegalArgumentException(kind.qperfName() + " is not a measurement test");
        }
        final int msgSize = TestKind.clampMsgSize(params.local(Param.MSG_SIZE));
        if (msgSize <= 0) {
            throw new QperfException("message size must be positive for " + kind.qperfName() + "; use -m");
        }
        final long timeSec = params.local(Param.TIME);
        final long timeoutMs = timeoutMs(params);
        final InetAddress[] addresses = resolve();
        // The REQ goes out first; OSHI, the event loop (native epoll) and the CPU pinning start while the server
        // prepares its data socket, so none of them delays the request.
        try (ControlChannel cc = open(kind, params, addresses)) {
            startSampler();
            final AutoCloseable pinned;
            try {
                pinned = transport().pin(params.local(Param.AFFINITY));
            } catch (QperfException e) {
                cc.sendError(e.getMessage());
                throw e;
            }
            try (pinned) {
                return measure(cc, kind, params, addresses, msgSize, timeSec, timeoutMs);
            } catch (QperfException e) {
                throw e;
            } catch (Exception e) {
                throw new QperfException("cannot restore processor affinity: " + e.getMessage(), e);
            }
        } catch (WireFormatException e) {
            throw new QperfException(e.reason(), e);
        }
    }

    private Measurement measure(final ControlChannel cc, final TestKind kind, final ParamSet params,
                                final InetAddress[] addresses, final int msgSize, final long timeSec,
                                final long timeoutMs) {
        final int port = PortCodec.decode(cc.receive(WireConstants.PORT_LENGTH, WireConstants.ITEM_PORT,
            timeoutMs)
        );
        final DataRole role = DataChannels.clientRole(kind, msgSize, timeSec, sampler());
        final Channel ch;
        try {
            ch = DataChannels.connect(transport(), kind, addresses, port, msgSize, role, timeoutMs);
        } catch (QperfException e) {
            cc.sendError(e.getMessage());
            throw e;
        }
        try {
            cc.send(SyncCodec.before(), WireConstants.ITEM_SYNC_BEFORE);
            SyncCodec.check(SyncCodec.before(), cc.receive(SyncCodec.BEFORE_LENGTH,
                WireConstants.ITEM_SYNC_BEFORE, timeoutMs));
            role.start(ch, transport());
            final Stat local = RunWaiter.await(role, cc, timeSec, "server");
            final Stat remote = StatCodec.decode(cc.receive(WireConstants.STAT_LENGTH,
                WireConstants.ITEM_RESULTS, timeoutMs));
            cc.send(SyncCodec.after(), WireConstants.ITEM_SYNC_AFTER);
            return new Measurement(kind, params.copy(), local, remote);
        } finally {
            ch.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs a measurement test and computes qperf's figures (spec §8).
     *
     * @return the typed result: latency, bandwidths, message rate, costs, both sides' CPU use
     */
    public TestResult run(final TestSpec spec) {
        final Measurement m = measure(spec.kind(), spec.params());
        return TestResult.of(m.kind(), m.local(), m.remote());
    }

    private ControlChannel open(final TestKind kind, final ParamSet params) {
        return open(kind, params, resolve());
    }

    /** Connects (retrying once a second for {@code -ws} seconds, spec §2.2) and sends the REQ. */
    private ControlChannel open(final TestKind kind, final ParamSet params, final InetAddress[] addresses) {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.waitServerSec());
        Socket connected = null;
        while (connected == null) {
            for (final InetAddress a : addresses) {
                final Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(a, config.listenPort()), 5000);
                    connected = s;
                    break;
                } catch (IOException e) {
                    closeQuietly(s);
                }
            }
            if (connected == null) {
                if (System.nanoTime() - deadlineNs >= 0) {
                    throw new QperfException(config.host() + ": failed to connect");
                }
                sleep(Math.min(1000, Math.max(1, (deadlineNs - System.nanoTime()) / 1_000_000)));
            }
        }
        try {
            final ControlChannel cc = new ControlChannel(connected, "server");
            cc.send(RequestCodec.encode(Requests.of(kind, params)), "request");
            return cc;
        } catch (IOException e) {
            closeQuietly(connected);
            throw new QperfException(config.host() + ": failed to connect", e);
        }
    }

    private InetAddress[] resolve() {
        try {
            return InetAddress.getAllByName(config.host());
        } catch (UnknownHostException e) {
            throw new QperfException("getaddrinfo failed: Name or service not known", e);
        }
    }

    private static long timeoutMs(final ParamSet params) {
        return params.local(Param.TIMEOUT) * 1000L;
    }

    private static void sleep(final long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QperfException("interrupted");
        }
    }

    private static void closeQuietly(final Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }
}
