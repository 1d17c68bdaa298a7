package io.github.jqperf.engine.protocol;

import io.github.jqperf.engine.conf.LocalConf;
import io.github.jqperf.engine.control.ControlChannel;
import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.error.BindFailedException;
import io.github.jqperf.engine.error.CancelledException;
import io.github.jqperf.engine.error.InvalidSpecException;
import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.error.PinningException;
import io.github.jqperf.engine.error.ProtocolException;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.error.QperfTimeoutException;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.UsageReport;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.transport.DataChannels;
import io.github.jqperf.engine.transport.DataRole;
import io.github.jqperf.engine.transport.Transport;
import io.github.jqperf.engine.usage.RunUsageRecorder;
import io.github.jqperf.engine.usage.UsageSampler;
import io.github.jqperf.engine.wire.ConfCodec;
import io.github.jqperf.engine.wire.PortCodec;
import io.github.jqperf.engine.wire.Request;
import io.github.jqperf.engine.wire.RequestCodec;
import io.github.jqperf.engine.wire.StatCodec;
import io.github.jqperf.engine.wire.SyncCodec;
import io.github.jqperf.engine.wire.WireConstants;
import io.github.jqperf.engine.wire.WireFormatException;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The server's side of qperf's control-connection choreography for one control connection (docs/protocol.md §3.3, §2.1, §4,
 * docs/protocol.md §4.3, §4.4, §3.8): REQ version (6 bytes) and data (194 bytes), the version and index checks, the pin ({@code -rca}),
 * then per test: the data socket, PORT, the data connection, sync before, the run (watching the control connection),
 * STAT, sync after; conf sends CONF; quit exchanges the before-sync.
 *
 * <p>Unlike stock qperf it never wedges: every wait has a deadline (including the data connection's accept, which
 * qperf waits for forever, and during which the control connection is watched, so a client's error signal ends the
 * wait at once). A failure is logged in one line and, where the control connection is still open, sent to the
 * client with the error signal. An {@link Abort} ends the exchange from any thread within a fraction of a second.
 *
 * <p>Failures by type (messages unchanged): {@link ProtocolException} (version, index, garbage),
 * {@link PinningException}, {@link BindFailedException} (the data port), {@link QperfTimeoutException},
 * {@link PeerException} (the client's error signal), {@link InvalidSpecException} (message size 0).
 */
public final class ServerExchange {
    /** The tests this server runs, in request-index order ("conf quit tcp_bw tcp_lat udp_bw udp_lat"). */
    private static final String SUPPORTED = java.util.Arrays.stream(TestKind.values())
            .map(TestKind::qperfName)
            .collect(java.util.stream.Collectors.joining(" "));

    /** Awaiting the data connection: the wait is cut in slices of this size to watch the control connection. */
    private static final long ACCEPT_SLICE_MS = 100;
    /** What {@link DataChannels.Listening#awaitChannel} says when a slice passes without a connection. */
    private static final String ACCEPT_TIMED_OUT = "failed to receive data connection: timed out";
    /** After a refusal: how long to read what the client still sends, so our close does not reset the error text. */
    private static final long REFUSAL_DRAIN_MS = 1000;

    /**
     * The longest any control phase waits (REQ, data connection, syncs, STAT), whatever the client's {@code timeout}
     * asks for: a REQ {@code timeout} of 0 (no deadline in qperf) or above this is cut to it.
     */
    public static final long MAX_PHASE_SEC = 30;

    /**
     * Where a connection waits for its turn once its REQ has been read and checked (the server's queue). Returns
     * the turn, which the exchange closes when the test is over.
     */
    @FunctionalInterface
    public interface Admission {
        /** Serves at once, no queue (one connection at a time by construction). */
        Admission IMMEDIATE = req -> () -> {};

        /**
         * Blocks until {@code req} may be served.
         *
         * @throws QperfException the refusal sent to the client (e.g. the server is busy)
         */
        Turn admit(Request req);
    }

    /** A connection's turn to be served; closing it lets the next one in. */
    @FunctionalInterface
    public interface Turn extends AutoCloseable {
        /** Ends the turn. */
        @Override
        void close();
    }

    /** How the exchange ended. */
    public enum Outcome {
        /** Served (or failed, logged and reported); the server goes on. */
        SERVED,
        /** A {@code quit} request: the server stops. */
        QUIT
    }

    private final Transport transport;
    private final CpuSampler sampler;
    private final long requestTimeoutSec;
    private final InetAddress bindAddress;
    private final Consumer<String> log;
    private final NanoClock clock;
    /** The process and cgroup reader of every run (jqperf's usage extension), located at the first run. */
    private UsageSampler usage;

    private final long maxTimeSec;
    private final long maxMsgSize;
    private final long idleMs;

    /**
     * @param transport         the data-path transport
     * @param sampler           the CPU sampler of the runs
     * @param requestTimeoutSec deadline for each part of the REQ ({@code -lto})
     * @param bindAddress       the address data sockets bind (null = the wildcard, as qperf)
     * @param log               one line per failure (what qperf prints on the server)
     * @param clock             the clock of the run's grace time
     */
    public ServerExchange(
            final Transport transport,
            final CpuSampler sampler,
            final long requestTimeoutSec,
            final InetAddress bindAddress,
            final Consumer<String> log,
            final NanoClock clock) {
        this(transport, sampler, requestTimeoutSec, bindAddress, log, clock, 0, 0);
    }

    /**
     * As the other constructor, with the server's limits on what a client may ask for.
     *
     * @param maxTimeSec longest test time served; 0 = none (with a limit, time 0 = "until stopped" is refused)
     * @param maxMsgSize largest message size served; 0 = none
     */
    public ServerExchange(
            final Transport transport,
            final CpuSampler sampler,
            final long requestTimeoutSec,
            final InetAddress bindAddress,
            final Consumer<String> log,
            final NanoClock clock,
            final long maxTimeSec,
            final long maxMsgSize) {
        this(transport, sampler, requestTimeoutSec, bindAddress, log, clock, maxTimeSec, maxMsgSize, MAX_PHASE_SEC);
    }

    /**
     * As the other constructors, with the idle limit of a run.
     *
     * @param idleSec a run without an end of its own ({@code -t 0}) ends when nothing arrived from its client for this
     *                long (checked every 100 ms by comparing the session's counters, at no cost to the data path); the
     *                client is told and one line is logged. A timed run is not cut: it ends at its time
     */
    public ServerExchange(
            final Transport transport,
            final CpuSampler sampler,
            final long requestTimeoutSec,
            final InetAddress bindAddress,
            final Consumer<String> log,
            final NanoClock clock,
            final long maxTimeSec,
            final long maxMsgSize,
            final long idleSec) {
        if (idleSec <= 0) {
            throw new IllegalArgumentException("idle limit must be positive, got " + idleSec);
        }
        this.idleMs = idleSec * 1000L;
        this.maxTimeSec = maxTimeSec;
        this.maxMsgSize = maxMsgSize;
        this.transport = transport;
        this.sampler = sampler;
        this.requestTimeoutSec = requestTimeoutSec;
        this.bindAddress = bindAddress;
        this.log = log;
        this.clock = clock;
    }

    /** Serves one control connection and closes it; never throws. */
    public Outcome serve(final Socket socket, final Abort abort) {
        return serve(socket, abort, Admission.IMMEDIATE);
    }

    /**
     * Serves one control connection and closes it; never throws. After the REQ has been read and checked against
     * the limits, {@code admission} decides when it runs (or refuses it: the refusal goes to the client as qperf's
     * error signal).
     */
    public Outcome serve(final Socket socket, final Abort abort, final Admission admission) {
        ControlChannel cc = null;
        try {
            cc = new ControlChannel(socket, "client");
            abort.control(cc);
            return handle(cc, abort, admission);
        } catch (CancelledException e) {
            return Outcome.SERVED; // aborted by the server's owner: the client has been told
        } catch (PeerException e) {
            if (!abort.aborted()) {
                // qperf's server exits silently when the client reports an error; say it in one line
                log("client " + peer(socket) + " reported: " + e.peerMessage());
            }
        } catch (QperfException e) {
            if (!abort.aborted()) {
                final String text = e instanceof WireFormatException w ? w.reason() : e.getMessage();
                log(text + " (client " + peer(socket) + ")");
                if (cc != null) {
                    cc.sendError(text);
                    cc.drainUntilClosed(REFUSAL_DRAIN_MS);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!abort.aborted()) {
                log("internal error serving " + peer(socket) + ": " + e);
                if (cc != null) {
                    cc.sendError("internal error: " + e);
                }
            }
        } finally {
            abort.release(cc);
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
        return Outcome.SERVED;
    }

    private Outcome handle(final ControlChannel cc, final Abort abort, final Admission admission) {
        try {
            final long requestTimeoutMs = phaseMs(requestTimeoutSec);
            final byte[] version = cc.receiveLiteral(
                    WireConstants.REQUEST_VERSION_LENGTH, WireConstants.ITEM_REQUEST_VERSION, requestTimeoutMs);
            final int[] v = RequestCodec.decodeVersion(ByteBuffer.wrap(version), 0, version.length);
            final String mismatch = RequestCodec.checkVersion(v[0], v[1], v[2]);
            if (mismatch != null) {
                throw new ProtocolException(mismatch);
            }
            final byte[] data = cc.receiveLiteral(
                    WireConstants.REQUEST_LENGTH - WireConstants.REQUEST_VERSION_LENGTH,
                    WireConstants.ITEM_REQUEST_DATA,
                    requestTimeoutMs);
            final byte[] all = new byte[WireConstants.REQUEST_LENGTH];
            System.arraycopy(version, 0, all, 0, version.length);
            System.arraycopy(data, 0, all, version.length, data.length);
            final Request req = RequestCodec.decode(all);
            final TestKind kind = TestKind.byRequestIndex(req.reqIndex()).orElseThrow(() -> unsupported(req));
            final long timeoutMs = phaseMs(req.timeout());
            checkLimits(kind, req);
            try (Turn turn = admission.admit(req)) {
                abort.check();
                return pinAndRun(cc, kind, req, timeoutMs, abort);
            }
        } catch (WireFormatException e) {
            throw abort.translate(e);
        } catch (RuntimeException e) {
            throw abort.translate(e);
        }
    }

    /**
     * A phase's deadline in ms: the client's {@code timeout} (or the server's {@code -lto}) in seconds, with 0 and
     * anything above {@link #MAX_PHASE_SEC} cut to {@link #MAX_PHASE_SEC}, so no client parks the server.
     */
    public static long phaseMs(final long timeoutSec) {
        return (timeoutSec <= 0 || timeoutSec > MAX_PHASE_SEC ? MAX_PHASE_SEC : timeoutSec) * 1000L;
    }

    /**
     * Refuses, before the request waits or allocates anything, what exceeds the server's limits: one line that
     * names the limit and what to ask for instead.
     *
     * @throws InvalidSpecException the refusal
     */
    void checkLimits(final TestKind kind, final Request req) {
        if (kind == TestKind.CONF || kind == TestKind.QUIT) {
            return;
        }
        if (maxTimeSec > 0 && (req.time() == 0 || req.time() > maxTimeSec)) {
            throw new InvalidSpecException("test time " + (req.time() == 0 ? "0 (until stopped)" : req.time() + " s")
                    + " is over this server's limit of " + maxTimeSec + " s (--max-time); use -t 1.." + maxTimeSec);
        }
        if (maxMsgSize > 0 && req.msgSize() > maxMsgSize) {
            throw new InvalidSpecException("message size " + req.msgSize() + " is over this server's limit of "
                    + maxMsgSize + " bytes (--max-msg-size); use -m " + maxMsgSize + " or less");
        }
    }

    private Outcome pinAndRun(
            final ControlChannel cc, final TestKind kind, final Request req, final long timeoutMs, final Abort abort) {
        {
            final AutoCloseable pinned;
            try {
                pinned = transport.pin(req.affinity());
            } catch (QperfException e) {
                throw e instanceof PinningException ? e : new PinningException(e.getMessage(), e);
            }
            try (pinned) {
                return run(cc, kind, req, timeoutMs, abort);
            } catch (QperfException e) {
                throw e;
            } catch (Exception e) {
                throw new QperfException("cannot restore processor affinity: " + e.getMessage(), e);
            }
        }
    }

    private Outcome run(
            final ControlChannel cc, final TestKind kind, final Request req, final long timeoutMs, final Abort abort) {
        switch (kind) {
            case CONF -> cc.send(ConfCodec.encode(LocalConf.read()), WireConstants.ITEM_CONF);
            case QUIT -> {
                cc.send(SyncCodec.before(), WireConstants.ITEM_SYNC_BEFORE);
                SyncCodec.check(
                        SyncCodec.before(),
                        cc.receive(SyncCodec.BEFORE_LENGTH, WireConstants.ITEM_SYNC_BEFORE, timeoutMs));
                return Outcome.QUIT;
            }
            default -> measure(cc, kind, req, timeoutMs, abort);
        }
        return Outcome.SERVED;
    }

    private static ProtocolException unsupported(final Request req) {
        final String qperfName = TestKind.qperfNameOfIndex(req.reqIndex());
        if (qperfName == null) {
            return new ProtocolException("bad request index: " + req.reqIndex());
        }
        return new ProtocolException("test " + qperfName + " (index " + req.reqIndex()
                + ") is not supported by jqperf; supported: " + SUPPORTED);
    }

    private void measure(
            final ControlChannel cc, final TestKind kind, final Request req, final long timeoutMs, final Abort abort) {
        final int msgSize = TestKind.clampMsgSize(req.msgSize());
        if (msgSize <= 0) {
            throw new InvalidSpecException(
                    "message size must be positive for " + kind.qperfName() + " (got " + req.msgSize() + "); use -m");
        }
        // every run takes its process and cgroup figures where it takes qperf's (a few small file reads outside
        // qperf's window), kept for a jqperf client that asks after the after-sync (UsageExtension)
        final RunUsageRecorder recorder = new RunUsageRecorder(sampler, usageSampler());
        UsageReport report = null;
        final DataRole role = DataChannels.serverRole(kind, msgSize, req.time(), req.accessRecv() != 0, recorder);
        // udp_lat replies only to the client's address: a stranger's datagram cannot take the run over
        role.answerOnly(cc.socket().getInetAddress());
        final String cannotBind = kind.isUdp() ? "unable to make UDP socket" : "unable to make TCP socket";
        if (req.port() > 65535) {
            throw new BindFailedException(cannotBind);
        }
        final DataChannels.Listening data;
        try {
            data = DataChannels.listen(
                    transport,
                    kind,
                    (int) req.port(),
                    (int) Math.min(req.sockBufSize(), Integer.MAX_VALUE),
                    msgSize,
                    role,
                    cc.socket().getInetAddress(),
                    bindAddress);
        } catch (QperfException e) {
            throw new BindFailedException(e.getMessage(), e.getCause());
        }
        try (data) {
            cc.send(PortCodec.encode(data.port()), WireConstants.ITEM_PORT);
            // qperf waits for the data connection forever; we wait as long as for any control message
            final Channel ch = awaitData(data, cc, timeoutMs, abort);
            abort.data(ch);
            abort.role(role);
            try {
                cc.send(SyncCodec.before(), WireConstants.ITEM_SYNC_BEFORE);
                SyncCodec.check(
                        SyncCodec.before(),
                        cc.receive(SyncCodec.BEFORE_LENGTH, WireConstants.ITEM_SYNC_BEFORE, timeoutMs));
                abort.check();
                role.start(ch, transport);
                // the idle limit is for runs without an end of their own (-t 0): a timed run ends at its time (bounded
                // by
                // --max-time), and a timed udp_lat whose ping-pong stalled on a lost datagram still reports, as in
                // qperf
                final Stat stat =
                        RunWaiter.await(role, cc, req.time(), "client", abort, clock, req.time() == 0 ? idleMs : 0);
                cc.send(StatCodec.encode(stat), WireConstants.ITEM_RESULTS);
                SyncCodec.check(
                        SyncCodec.after(),
                        cc.receive(SyncCodec.AFTER_LENGTH, WireConstants.ITEM_SYNC_AFTER, timeoutMs));
                report = recorder.report(stat.s().bytes(), stat.r().bytes()).orElse(null);
            } finally {
                abort.role(null);
                abort.data(null);
            }
        }
        // qperf's exchange is over: a stock client has closed (EOF ends the wait at once); a jqperf client may ask
        UsageExtension.answer(cc, report, UsageExtension.serverWaitMs(), this::log);
    }

    private synchronized UsageSampler usageSampler() {
        if (usage == null) {
            usage = new UsageSampler();
            usage.sample(); // the first read loads classes (~0.1 s): not on the run's event loop
        }
        return usage;
    }

    /**
     * The data connection, waited for in slices: between them the control connection is looked at, so a client
     * that reports an error (say, its own pinning failed) or goes away ends the wait at once, as does an abort.
     */
    private Channel awaitData(
            final DataChannels.Listening data, final ControlChannel cc, final long timeoutMs, final Abort abort) {
        final long deadlineNs = clock.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            abort.check();
            final long leftMs = (deadlineNs - clock.nanoTime()) / 1_000_000L;
            try {
                return data.awaitChannel(Math.max(1, Math.min(ACCEPT_SLICE_MS, leftMs)));
            } catch (QperfException e) {
                if (!ACCEPT_TIMED_OUT.equals(e.getMessage())) {
                    throw e;
                }
                if (clock.nanoTime() - deadlineNs >= 0) {
                    throw new QperfTimeoutException(e.getMessage(), e);
                }
            }
            // A client that connected its data socket may send its before-sync before the accept has completed
            // here: bytes that are not the error signal stay for the sync's receive.
            final ControlChannel.Activity a = cc.probe(1);
            if (a == ControlChannel.Activity.DATA) {
                cc.checkPendingError();
            } else if (a == ControlChannel.Activity.EOF) {
                throw new QperfException("failed to receive data connection: client not responding");
            }
        }
    }

    private void log(final String line) {
        try {
            log.accept(line);
        } catch (RuntimeException e) {
            // a failing logger must not stop the server
        }
    }

    private static String peer(final Socket s) {
        return String.valueOf(s.getRemoteSocketAddress());
    }
}
