package io.github.jqperf.engine.session;

import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.Ustat;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One side of a measurement test's data path as qperf runs it (docs/protocol.md §5.1, §5), with no I/O: what to do next, what
 * counts, and this side's {@link Stat}. A driver makes the socket calls and reports each outcome; every report
 * returns the next step: {@link #SEND} one message (from {@link #sendOffset()}), {@link #RECEIVE} at most
 * {@link #receiveLength()} bytes, or {@link #DONE}.
 *
 * <p>Rules every session keeps (qperf's loops):
 * <ul>
 *   <li>Time comes from outside: {@link #begin} and {@link #end} take the {@link Clock} snapshots; the deadline is
 *       {@link #expire()}, called by the driver's alarm (or a stop request) from any thread. Each report reads that
 *       flag once (one volatile read, no clock read, no allocation): an operation that completed after it was set is
 *       not counted, even if it actually completed (qperf's {@code if (Finished) break;}), and the run is over.</li>
 *   <li>EOF ({@link #eof()}) ends the run. A failed call on a stream socket ends the run (fatal); on a datagram socket
 *       it is counted ({@code no_errs}) and the run goes on, as qperf's {@code continue}.</li>
 *   <li>A send of 0 bytes, a receive of 0 bytes on a stream, or {@link #receiveTimedOut()}, means the call returned
 *       with nothing (a timeout tick): the same step again, unless the run is over. Partial sends and reads
 *       accumulate until the message is complete.</li>
 * </ul>
 *
 * <p>Not thread-safe except {@link #expire()} and {@link #isOver()}: the driver reports from one thread.
 */
public abstract sealed class Session
        permits StreamSender, StreamReceiver, DatagramReceiver, StreamPingPong, DatagramPingPong {
    /** Next step: the run is over; take the end snapshot ({@link #end}). */
    public static final int DONE = 0;
    /** Next step: send (the rest of) one message, bytes {@code [sendOffset(), msgSize())} of the payload. */
    public static final int SEND = 1;
    /** Next step: one receive call of at most {@link #receiveLength()} bytes. */
    public static final int RECEIVE = 2;

    /** Message size in bytes. */
    protected final int msgSize;

    /** Opaque reads of the counters for {@link #countersSoFar} (the data path keeps writing them plainly). */
    private static final VarHandle S_BYTES;

    private static final VarHandle S_MSGS;
    private static final VarHandle R_BYTES;
    private static final VarHandle R_MSGS;

    static {
        try {
            final MethodHandles.Lookup l = MethodHandles.lookup();
            S_BYTES = l.findVarHandle(Session.class, "sBytes", long.class);
            S_MSGS = l.findVarHandle(Session.class, "sMsgs", long.class);
            R_BYTES = l.findVarHandle(Session.class, "rBytes", long.class);
            R_MSGS = l.findVarHandle(Session.class, "rMsgs", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean datagram;
    private final long[] timeStart = new long[Stat.TIMES];
    private final long[] timeEnd = new long[Stat.TIMES];
    /** Set by the deadline (or a stop request) from any thread. */
    volatile boolean over;

    private boolean failed;
    private ReceivedBytes bytes = length -> 0;
    private boolean begun;
    private Stat stat;
    /** Counters, qperf's {@code LStat.s} and {@code LStat.r}. */
    long sBytes;

    long sMsgs;
    long sErrs;
    long rBytes;
    long rMsgs;
    long rErrs;

    Session(final int msgSize, final boolean datagram) {
        if (msgSize <= 0) {
            throw new IllegalArgumentException("message size must be positive: " + msgSize);
        }
        this.msgSize = msgSize;
        this.datagram = datagram;
    }

    /** Takes the start snapshot and returns the first step. Called once, right after the start synchronization. */
    public final int begin(final Clock clock) {
        if (begun) {
            throw new IllegalStateException("session already begun");
        }
        begun = true;
        clock.sample(timeStart);
        return over ? DONE : first();
    }

    /** The first step of the run. */
    abstract int first();

    /**
     * One send call accepted {@code n} bytes (0: it timed out with nothing accepted; a datagram is all or nothing).
     *
     * @return the next step
     */
    public abstract int sent(int n);

    /** One send call failed. Fatal on a stream socket (the run ends); sessions on datagrams count it. */
    public int sendFailed() {
        failed = true;
        return DONE;
    }

    /**
     * One receive call returned {@code n >= 0} bytes: stream data, or one datagram of {@code n} bytes (which may be
     * 0: an empty datagram). On a stream, 0 means nothing came (a timeout tick).
     */
    public abstract int received(int n);

    /** One receive call failed. Fatal on a stream socket (the run ends); sessions on datagrams count it. */
    public int receiveFailed() {
        failed = true;
        return DONE;
    }

    /** The peer closed the stream (a read or write returned 0 in qperf's terms): the run is over. */
    public int eof() {
        return DONE;
    }

    /**
     * A receive call returned with nothing (a timeout tick, {@code EAGAIN}; on a datagram socket, where 0 bytes are
     * an empty datagram, this is how a driver says nothing came): receive again, unless the run is over.
     */
    public final int receiveTimedOut() {
        return over ? DONE : RECEIVE;
    }

    /** Where the rest of the current message starts (bytes already accepted by earlier partial sends). */
    public int sendOffset() {
        return 0;
    }

    /** Most bytes the next receive call may take. */
    public abstract int receiveLength();

    /** The message size. */
    public final int msgSize() {
        return msgSize;
    }

    /** True for datagram (UDP) sessions: errors are counted, not fatal, and there is no EOF. */
    public final boolean datagram() {
        return datagram;
    }

    /** True for the latency tests (one message outstanding: the side waits for a reply per message). */
    public boolean pingPong() {
        return false;
    }

    /**
     * True for the udp_lat server: it replies to the source of each datagram (qperf's {@code sendto}); a driver on
     * an unconnected socket sends each reply there.
     */
    public boolean repliesToSender() {
        return false;
    }

    /** The deadline or a stop request: the run is over. Any thread; idempotent. */
    public final void expire() {
        over = true;
    }

    /** True once {@link #expire()} was called. */
    public final boolean isOver() {
        return over;
    }

    /** True when the run ended on a fatal error (the driver closes the connection). */
    public final boolean failed() {
        return failed;
    }

    /** Ends the run: end snapshot (the first call only) and this side's statistics. Idempotent. */
    public final Stat end(final Clock clock) {
        if (stat == null) {
            clock.sample(timeEnd);
            stat = new Stat(
                    clock.onlineCpus(),
                    clock.ticksPerSecond(),
                    0,
                    timeStart,
                    timeEnd,
                    new Ustat(sBytes, sMsgs, sErrs),
                    new Ustat(rBytes, rMsgs, rErrs),
                    Ustat.ZERO,
                    Ustat.ZERO);
        }
        return stat;
    }

    /** The counters so far (sent, received), for tests and diagnostics. */
    public final Ustat sentSoFar() {
        return new Ustat(sBytes, sMsgs, sErrs);
    }

    /** The receive counters so far. */
    public final Ustat receivedSoFar() {
        return new Ustat(rBytes, rMsgs, rErrs);
    }

    /**
     * The counters as another thread sees them now (an interval sampler): {@code into[0..3]} = bytes sent, messages
     * sent, bytes received, messages received. The data path writes them with plain stores (nothing changes in its
     * loop); these are opaque reads, which see each counter's latest value the writing thread has made visible
     * (on x86-64 and with a socket call per message, at most one message behind). Any thread; allocates nothing.
     */
    public final void countersSoFar(final long[] into) {
        into[0] = (long) S_BYTES.getOpaque(this);
        into[1] = (long) S_MSGS.getOpaque(this);
        into[2] = (long) R_BYTES.getOpaque(this);
        into[3] = (long) R_MSGS.getOpaque(this);
    }

    /** The bytes of the last receive, for {@code access_recv}; the driver sets it before {@link #begin}. */
    public final void receivedBytes(final ReceivedBytes bytes) {
        this.bytes = bytes;
    }

    /** The driver's view of the last receive (reads nothing until a driver set one). */
    final ReceivedBytes bytes() {
        return bytes;
    }
}
