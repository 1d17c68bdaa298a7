package io.github.jqperf.engine.testutil;

import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.Ustat;
import io.github.jqperf.engine.wire.StatCodec;
import java.util.HexFormat;

/** Builds {@link Stat} snapshots from tick deltas and counters, for formula and report tests. */
public final class StatBuilder {
    private static final long BASE = 1_717_990_000L;

    private long noCpus = 2;
    private long noTicks = 100;
    private long maxCqes;
    private final long[] delta = new long[Stat.TIMES];
    private Ustat s = Ustat.ZERO;
    private Ustat r = Ustat.ZERO;
    private Ustat remS = Ustat.ZERO;
    private Ustat remR = Ustat.ZERO;

    private StatBuilder() {}

    /** A node with 2 CPUs, 100 ticks per second and nothing else. */
    public static StatBuilder node() {
        return new StatBuilder();
    }

    /**
     * Decodes a STAT from the hex dump lines of a capture ({@code "    0000  02 00 00 00 ...  |....|"}):
     * the offset column and the ASCII column are ignored.
     */
    public static Stat fromHexDump(final String dump) {
        final StringBuilder hex = new StringBuilder();
        for (final String line : dump.strip().split("\n")) {
            final String body = line.strip();
            final int bar = body.indexOf('|');
            final String bytes = (bar >= 0 ? body.substring(0, bar) : body).strip();
            hex.append(bytes.substring(bytes.indexOf(' ')).replace(" ", ""));
        }
        return StatCodec.decode(HexFormat.of().parseHex(hex));
    }

    /** Ticks per second. */
    public StatBuilder ticks(final long ticks) {
        this.noTicks = ticks;
        return this;
    }

    /** Max CQEs. */
    public StatBuilder maxCqes(final long n) {
        this.maxCqes = n;
        return this;
    }

    /** Δreal in ticks. */
    public StatBuilder real(final long ticks) {
        delta[Stat.T_REAL] = ticks;
        return this;
    }

    /** Δuser. */
    public StatBuilder user(final long ticks) {
        delta[Stat.T_USER] = ticks;
        return this;
    }

    /** Δnice. */
    public StatBuilder nice(final long ticks) {
        delta[Stat.T_NICE] = ticks;
        return this;
    }

    /** Δsystem. */
    public StatBuilder system(final long ticks) {
        delta[Stat.T_KERNEL] = ticks;
        return this;
    }

    /** Δidle. */
    public StatBuilder idle(final long ticks) {
        delta[Stat.T_IDLE] = ticks;
        return this;
    }

    /** Δiowait. */
    public StatBuilder iowait(final long ticks) {
        delta[Stat.T_IOWAIT] = ticks;
        return this;
    }

    /** Δirq. */
    public StatBuilder irq(final long ticks) {
        delta[Stat.T_IRQ] = ticks;
        return this;
    }

    /** Δsoftirq. */
    public StatBuilder softirq(final long ticks) {
        delta[Stat.T_SOFTIRQ] = ticks;
        return this;
    }

    /** Δsteal. */
    public StatBuilder steal(final long ticks) {
        delta[Stat.T_STEAL] = ticks;
        return this;
    }

    /** Sent counters. */
    public StatBuilder sent(final long bytes, final long msgs) {
        return sent(bytes, msgs, 0);
    }

    /** Sent counters with errors. */
    public StatBuilder sent(final long bytes, final long msgs, final long errs) {
        this.s = new Ustat(bytes, msgs, errs);
        return this;
    }

    /** Received counters. */
    public StatBuilder received(final long bytes, final long msgs) {
        return received(bytes, msgs, 0);
    }

    /** Received counters with errors. */
    public StatBuilder received(final long bytes, final long msgs, final long errs) {
        this.r = new Ustat(bytes, msgs, errs);
        return this;
    }

    /** Counters kept for the peer (RDMA style). */
    public StatBuilder forPeer(final Ustat sent, final Ustat received) {
        this.remS = sent;
        this.remR = received;
        return this;
    }

    /** The snapshot pair: start = an arbitrary base, end = base + delta. */
    public Stat build() {
        final long[] start = new long[Stat.TIMES];
        final long[] end = new long[Stat.TIMES];
        for (int i = 0; i < Stat.TIMES; i++) {
            start[i] = BASE + 1000L * i;
            end[i] = start[i] + delta[i];
        }
        return new Stat(noCpus, noTicks, maxCqes, start, end, s, r, remS, remR);
    }
}
