package io.github.jqperf.engine.report;

import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.IntervalSample;
import io.github.jqperf.engine.result.LatencyDistribution;
import io.github.jqperf.engine.result.NodeResult;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.TestResult;
import io.github.jqperf.engine.result.Ustat;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders result tables exactly as qperf 0.4.11 prints them (docs/protocol.md §8; qperf's {@code show_info},
 * {@code show_used}, {@code show_rest}, {@code show_debug} and {@code place_show}). Pure: returns the lines
 * (without newline and without the {@code "tcp_bw:"} header, which the caller prints before the test runs).
 *
 * <p>Line layout: 4 spaces, the name left-justified to the longest name of the table, {@code "  =  "}, then for
 * numeric lines the value right-justified to the longest numeric value plus a space and the unit (so unitless
 * counts end with a space), for string lines the string as is, then {@code " (full count)"} for exact KiB
 * multiples.
 */
public final class QperfTextFormat {
    private static final double NS_PER_SECOND = 1E9;
    private static final double PERCENT = 100;
    private static final String INDENT = "    ";
    private static final String EQUALS = "  =  ";

    /** One placed line (qperf's {@code SHOW}). */
    private record Row(String pref, String name, ValueText value) {}

    private QperfTextFormat() {}

    /**
     * The result table of a measured test, with the parameters it was measured with ({@code result.spec()}).
     *
     * @param result the typed result
     * @param o      verbosity and unit options
     * @return the lines, in print order, without newlines
     */
    public static List<String> formatResult(final Result result, final OutputOptions o) {
        return formatResult(result, o, Set.of(), CpuScope.SYSTEM);
    }

    /** As {@link #formatResult(Result, OutputOptions, Set, CpuScope)} with qperf's CPU lines only. */
    public static List<String> formatResult(final Result result, final OutputOptions o, final Set<ExtraLine> extra) {
        return formatResult(result, o, extra, CpuScope.SYSTEM);
    }

    /** As {@link #formatResult(Result, OutputOptions, Set, CpuScope)} without extra lines. */
    public static List<String> formatResult(final Result result, final OutputOptions o, final CpuScope scope) {
        return formatResult(result, o, Set.of(), scope);
    }

    /**
     * The result table of a measured test with the jqperf-only lines asked for. {@code extra} ({@link ExtraLine}):
     * {@link ExtraLine#PERCENTILES} right after {@code latency} ({@code latency_p50} ... {@code latency_max},
     * one-way figures in qperf's time units and rounding, aligned with the table; only a latency test whose run
     * recorded a distribution has them, see {@link io.github.jqperf.engine.result.Observations#latency()});
     * {@link ExtraLine#LOSS} last for udp_bw (the % of datagrams sent but not received, qperf's number style, e.g.
     * {@code loss  =  0.12 %}; no line when nothing was sent). {@code scope} ({@code --cpu-scope},
     * docs/cpu-memory.md): {@link CpuScope#SYSTEM} is qperf's lines only; the others add the lines of the scopes
     * that {@link Result#observations()} holds after qperf's lines. With no extra and {@link CpuScope#SYSTEM},
     * exactly {@link #formatResult(Result, OutputOptions)}'s lines.
     *
     * @param result the typed result
     * @param o      verbosity and unit options
     * @param extra  the extra lines wanted
     * @param scope  the CPU and memory scopes to add
     * @return the lines, in print order, without newlines
     */
    public static List<String> formatResult(
            final Result result, final OutputOptions o, final Set<ExtraLine> extra, final CpuScope scope) {
        final TestKind kind = result.kind();
        final TestResult r = TestResult.of(kind, result.localStat(), result.remoteStat());
        final Table t = table(
                kind,
                r,
                result.spec().params(),
                o,
                extra.contains(ExtraLine.PERCENTILES)
                        ? result.observations().latency().orElse(null)
                        : null,
                UsageText.lines(
                        scope,
                        result.observations(),
                        r.loc().cpusUsed(),
                        r.rem().cpusUsed(),
                        o));
        if (extra.contains(ExtraLine.LOSS)
                && result instanceof io.github.jqperf.engine.result.SendRecvBandwidthResult sr) {
            sr.lossFraction().ifPresent(f -> t.rows.add(new Row("", "loss", lossText(f, o))));
        }
        return render(t.rows);
    }

    /**
     * The lines of a {@code --find-rate} search, in qperf's layout: {@code found_rate} (bits/s, as {@code --rate}
     * takes it), the best probe's {@code send_bw}, {@code recv_bw} and {@code loss}, the threshold
     * ({@code max_loss}), the number of {@code probes} and the {@code search_time}. With no rate found,
     * {@code found_rate = 0 bits/sec} and no probe figures.
     *
     * @param r the search's outcome
     * @param o unit options ({@code -ub} shows the bandwidths in bits too)
     * @return the lines without newlines
     */
    public static List<String> formatRateSearch(
            final io.github.jqperf.engine.result.RateSearchResult r, final OutputOptions o) {
        final Table t = new Table(o);
        t.rows.add(new Row("", "found_rate", QperfNumbers.band(r.rateBitsPerSec() / 8.0, o.withBitsPerSec(true))));
        r.best().ifPresent(b -> {
            t.band('a', "send_bw", b.result().sendBandwidthBytesPerSecond());
            t.band('a', "recv_bw", b.result().recvBandwidthBytesPerSecond());
            b.lossFraction().ifPresent(f -> t.rows.add(new Row("", "loss", lossText(f, o))));
        });
        t.rows.add(new Row("", "max_loss", lossText(r.maxLossFraction(), o)));
        t.rows.add(new Row("", "probes", QperfNumbers.count(r.probes().size(), o)));
        t.time('a', "search_time", r.elapsedNanos() / NS_PER_SECOND);
        return render(t.rows);
    }

    /** A loss fraction as qperf would show a percentage: {@code 0.12 %} (significant digits as {@code -e}). */
    static ValueText lossText(final double fraction, final OutputOptions o) {
        return ValueText.of(QperfNumbers.placeVal(fraction * PERCENT, o), "%");
    }

    /**
     * The result table of a socket test.
     *
     * @param kind   tcp_bw, tcp_lat, udp_bw or udp_lat
     * @param r      the computed results
     * @param params the parameters the test ran with (local and remote copies, user-set flags) for the
     *               used-parameter lines
     * @param o      verbosity and unit options
     * @return the lines, in print order, without newlines
     * @throws IllegalArgumentException for conf and quit, which have no result table
     */
    public static List<String> formatResult(
            final TestKind kind, final TestResult r, final ParamSet params, final OutputOptions o) {
        return render(table(kind, r, params, o, null, List.of()).rows);
    }

    private static Table table(
            final TestKind kind,
            final TestResult r,
            final ParamSet params,
            final OutputOptions o,
            final LatencyDistribution percentiles,
            final List<UsageText.Line> usage) {
        final Table t = new Table(o);
        switch (kind.reportStyle()) {
            case LATENCY -> {
                t.time('a', "latency", r.latencySeconds());
                if (percentiles != null) {
                    percentileRows(t, percentiles);
                }
                t.rate('s', "msg_rate", r.msgRatePerSec());
            }
            case BANDWIDTH -> {
                t.band('a', "bw", r.recvBwBytesPerSec());
                t.rate('s', "msg_rate", r.msgRatePerSec());
            }
            case BANDWIDTH_SR -> {
                t.band('a', "send_bw", r.sendBwBytesPerSec());
                t.band('a', "recv_bw", r.recvBwBytesPerSec());
                t.rate('s', "msg_rate", r.msgRatePerSec());
            }
            default -> throw new IllegalArgumentException(kind.qperfName() + " has no result table");
        }
        showUsed(t, kind, params);
        t.cost('t', "send_cost", r.sendCostSecondsPerGB());
        t.cost('t', "recv_cost", r.recvCostSecondsPerGB());
        showRest(t, r);
        for (final UsageText.Line line : usage) {
            t.rows.add(new Row("", line.name(), line.value()));
        }
        if (o.debug()) {
            showDebug(t, "l_", r.local());
            showDebug(t, "r_", r.remote());
        }
        return t;
    }

    /** The rows of {@code --percentiles}, in their order. */
    private static void percentileRows(final Table t, final LatencyDistribution d) {
        t.time('a', "latency_p50", d.p50Seconds());
        t.time('a', "latency_p90", d.p90Seconds());
        t.time('a', "latency_p99", d.p99Seconds());
        t.time('a', "latency_p99.9", d.p999Seconds());
        t.time('a', "latency_p99.99", d.p9999Seconds());
        t.time('a', "latency_max", d.maxSeconds());
    }

    /**
     * One {@code --interval} line (docs/latency.md), printed while the test runs: 4 spaces, {@code interval},
     * the interval's start and end in seconds since the run started, then the client's figures of that interval in
     * qperf's units and rounding, {@code name = value unit} separated by commas. Latency tests: {@code msg_rate}
     * (replies received per second) and the one-way {@code latency_p50}/{@code latency_p99} of the round trips
     * timed so far. Bandwidth tests: {@code send_bw} and {@code msg_rate} (messages sent per second) when the
     * client sent, {@code recv_bw} when it received. For example:
     *
     * <pre>    interval 1.0-2.0 s: msg_rate = 96.5 K/sec, latency_p50 = 9.1 us, latency_p99 = 14 us</pre>
     *
     * @param s the sample
     * @param o unit options ({@code -uu}, {@code -ub}, precision)
     * @return the line without newline
     */
    public static String formatInterval(final IntervalSample s, final OutputOptions o) {
        // enough decimals to tell the bounds apart, also for a short last interval
        final int decimals =
                Math.max(decimals(s.spec().options().intervalNanos()), decimals(s.endNanos() - s.startNanos()));
        final double secs = s.seconds();
        final StringBuilder sb = new StringBuilder(INDENT)
                .append("interval ")
                .append(String.format(Locale.ROOT, "%." + decimals + "f", s.startNanos() / NS_PER_SECOND))
                .append('-')
                .append(String.format(Locale.ROOT, "%." + decimals + "f", s.endNanos() / NS_PER_SECOND))
                .append(" s:");
        final List<String> parts = new ArrayList<>();
        final double per = secs > 0 ? 1 / secs : 0;
        if (s.spec().kind().reportStyle() == io.github.jqperf.engine.spec.ReportStyle.LATENCY) {
            parts.add(part("msg_rate", QperfNumbers.rate(s.receivedMsgs() * per, o)));
            s.latencyP50Seconds().ifPresent(v -> parts.add(part("latency_p50", QperfNumbers.time(v, o))));
            s.latencyP99Seconds().ifPresent(v -> parts.add(part("latency_p99", QperfNumbers.time(v, o))));
        } else {
            if (s.sentBytes() > 0 || s.receivedBytes() == 0) {
                parts.add(part("send_bw", QperfNumbers.band(s.sentBytes() * per, o)));
            }
            if (s.receivedBytes() > 0) {
                parts.add(part("recv_bw", QperfNumbers.band(s.receivedBytes() * per, o)));
            }
            parts.add(part("msg_rate", QperfNumbers.rate(Math.max(s.sentMsgs(), s.receivedMsgs()) * per, o)));
        }
        sb.append(' ').append(String.join(", ", parts));
        return sb.toString();
    }

    private static String part(final String name, final ValueText v) {
        return name + " = " + v.data() + " " + v.unit();
    }

    /** Decimals of the interval bounds: enough to tell the intervals apart (1 for whole tenths of a second). */
    private static int decimals(final long intervalNanos) {
        if (intervalNanos % 100_000_000L == 0) {
            return 1;
        }
        if (intervalNanos % 10_000_000L == 0) {
            return 2;
        }
        return intervalNanos >= 1_000_000L ? 3 : 6; // a tail of a few µs still shows as an interval
    }

    /**
     * The conf table: {@code loc_node, loc_cpu, loc_os, loc_qperf, rem_node, rem_cpu, rem_os, rem_qperf}, always
     * shown, strings not aligned.
     *
     * @param local  the client's configuration
     * @param remote the server's CONF
     * @return the eight lines without newlines
     */
    public static List<String> formatConf(final Conf local, final Conf remote) {
        final List<Row> rows = new ArrayList<>();
        rows.add(new Row("", "loc_node", ValueText.text(local.node())));
        rows.add(new Row("", "loc_cpu", ValueText.text(local.cpu())));
        rows.add(new Row("", "loc_os", ValueText.text(local.os())));
        rows.add(new Row("", "loc_qperf", ValueText.text(local.qperf())));
        rows.add(new Row("", "rem_node", ValueText.text(remote.node())));
        rows.add(new Row("", "rem_cpu", ValueText.text(remote.cpu())));
        rows.add(new Row("", "rem_os", ValueText.text(remote.os())));
        rows.add(new Row("", "rem_qperf", ValueText.text(remote.qperf())));
        return render(rows);
    }

    /** qperf's {@code show_used}: parameters in the fixed docs/protocol.md §8.5 order, split loc_/rem_ when the copies differ. */
    private static void showUsed(final Table t, final TestKind kind, final ParamSet params) {
        if (t.o.usedLevel() == 0) {
            return;
        }
        for (final Param p : Param.values()) {
            if (p == Param.STATIC_RATE || !kind.params().contains(p)) {
                continue;
            }
            if (t.o.usedLevel() < 2 && !params.isSet(p)) {
                continue;
            }
            if (p.kind() == Param.Kind.STRING) {
                final String lv = params.localText(p);
                final String rv = params.remoteText(p);
                if (lv.equals(rv)) {
                    t.text('u', "", p.qperfName(), lv);
                } else {
                    t.text('u', "loc_", p.qperfName(), lv);
                    t.text('u', "rem_", p.qperfName(), rv);
                }
                continue;
            }
            final long lv = params.local(p);
            final long rv = params.remote(p);
            if (lv == rv) {
                usedValue(t, p, "", lv);
            } else {
                usedValue(t, p, "loc_", lv);
                usedValue(t, p, "rem_", rv);
            }
        }
    }

    private static void usedValue(final Table t, final Param p, final String pref, final long value) {
        switch (p.kind()) {
            case SIZE -> t.size('u', pref, p.qperfName(), value);
            case TIME -> t.time('u', pref, p.qperfName(), value);
            default -> t.count('u', pref, p.qperfName(), value);
        }
    }

    /** qperf's {@code show_rest}: send_/recv_ blocks when one side only sent and the other only received. */
    private static void showRest(final Table t, final TestResult r) {
        final Stat l = r.local();
        final Stat rs = r.remote();
        Stat statS = null;
        Stat statR = null;
        NodeResult resnS = null;
        NodeResult resnR = null;
        if (!t.o.unifyNodes()) {
            final boolean ls = l.s().bytes() != 0;
            final boolean lr = l.r().bytes() != 0;
            final boolean rsent = rs.s().bytes() != 0;
            final boolean rr = rs.r().bytes() != 0;
            if (ls && !rsent && rr && !lr) {
                statS = l;
                statR = rs;
                resnS = r.loc();
                resnR = r.rem();
            } else if (rsent && !ls && lr && !rr) {
                statS = rs;
                statR = l;
                resnS = r.rem();
                resnR = r.loc();
            }
        }
        if (statS != null) {
            node(t, "send_", resnS);
            direction(t, "send_", statS.s(), statS.maxCqes());
            node(t, "recv_", resnR);
            direction(t, "recv_", statR.r(), statR.maxCqes());
        } else {
            node(t, "loc_", r.loc());
            both(t, "loc_", l);
            node(t, "rem_", r.rem());
            both(t, "rem_", rs);
        }
    }

    private static void node(final Table t, final String side, final NodeResult n) {
        t.cpus('t', side + "cpus_used", n.cpusUsed());
        t.cpus('T', side + "cpus_user", n.cpusUser());
        t.cpus('T', side + "cpus_intr", n.cpusIntr());
        t.cpus('T', side + "cpus_kernel", n.cpusKernel());
        t.cpus('T', side + "cpus_iowait", n.cpusIowait());
        t.time('T', "", side + "real_time", n.realTimeSeconds());
        t.time('T', "", side + "cpu_time", n.cpuTimeSeconds());
    }

    private static void direction(final Table t, final String side, final Ustat u, final long maxCqes) {
        t.count('S', "", side + "errors", u.errs());
        t.size('S', "", side + "bytes", u.bytes());
        t.count('S', "", side + "msgs", u.msgs());
        t.count('S', "", side + "max_cqe", maxCqes);
    }

    private static void both(final Table t, final String side, final Stat st) {
        t.count('S', "", side + "send_errors", st.s().errs());
        t.count('S', "", side + "recv_errors", st.r().errs());
        t.size('S', "", side + "send_bytes", st.s().bytes());
        t.size('S', "", side + "recv_bytes", st.r().bytes());
        t.count('S', "", side + "send_msgs", st.s().msgs());
        t.count('S', "", side + "recv_msgs", st.r().msgs());
        t.count('S', "", side + "max_cqe", st.maxCqes());
    }

    /** qperf's {@code show_debug} for one side ({@code l_} or {@code r_}). */
    private static void showDebug(final Table t, final String side, final Stat st) {
        t.count('d', "", side + "no_cpus", st.noCpus());
        t.count('d', "", side + "no_ticks", st.noTicks());
        t.count('d', "", side + "max_cqes", st.maxCqes());
        if (st.noTicks() != 0) {
            final double ticks = st.noTicks();
            final String[] names = {"real", "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
            for (int i = 0; i < Stat.TIMES; i++) {
                final double seconds = unsignedToDouble(st.timeEnd(i) - st.timeStart(i)) / ticks;
                t.time('d', "", side + "timer_" + names[i], seconds);
            }
        }
        debugUstat(t, side + "s_", st.s());
        debugUstat(t, side + "r_", st.r());
        debugUstat(t, side + "rem_s_", st.remS());
        debugUstat(t, side + "rem_r_", st.remR());
    }

    private static void debugUstat(final Table t, final String prefix, final Ustat u) {
        t.size('d', "", prefix + "no_bytes", u.bytes());
        t.count('d', "", prefix + "no_msgs", u.msgs());
        t.count('d', "", prefix + "no_errs", u.errs());
    }

    private static double unsignedToDouble(final long u) {
        return u >= 0 ? u : ((double) ((u >>> 1) | (u & 1L))) * 2.0;
    }

    /** qperf's {@code place_show}: common column widths, one line per row. */
    private static List<String> render(final List<Row> rows) {
        int nameLen = 0;
        int dataLen = 0;
        for (final Row row : rows) {
            nameLen = Math.max(nameLen, row.pref.length() + row.name.length());
            if (row.value.unit() != null) {
                dataLen = Math.max(dataLen, row.value.data().length());
            }
        }
        final List<String> lines = new ArrayList<>(rows.size());
        for (final Row row : rows) {
            final StringBuilder sb = new StringBuilder(INDENT).append(row.pref).append(row.name);
            pad(sb, nameLen - row.pref.length() - row.name.length());
            sb.append(EQUALS);
            final ValueText v = row.value;
            if (v.unit() != null) {
                pad(sb, dataLen - v.data().length());
                sb.append(v.data()).append(' ').append(v.unit());
            } else {
                sb.append(v.data());
            }
            if (v.fullCount() != null) {
                sb.append(" (").append(v.fullCount()).append(')');
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    private static void pad(final StringBuilder sb, final int spaces) {
        for (int i = 0; i < spaces; i++) {
            sb.append(' ');
        }
    }

    /** The rows being collected, with qperf's visibility rule ({@code verbose()}). */
    private static final class Table {
        private final OutputOptions o;
        private final List<Row> rows = new ArrayList<>();

        Table(final OutputOptions o) {
            this.o = o;
        }

        /** qperf's {@code verbose(type, value)}: class 'a' always; others need value &gt; 0 and the level. */
        private boolean shown(final char cls, final double value) {
            if (cls == 'a') {
                return true;
            }
            if (value <= 0) {
                return false;
            }
            return switch (cls) {
                case 'd' -> o.debug();
                case 'c' -> o.confLevel() >= 1;
                case 's' -> o.statLevel() >= 1;
                case 't' -> o.timeLevel() >= 1;
                case 'u' -> o.usedLevel() >= 1;
                case 'C' -> o.confLevel() >= 2;
                case 'S' -> o.statLevel() >= 2;
                case 'T' -> o.timeLevel() >= 2;
                case 'U' -> o.usedLevel() >= 2;
                default -> throw new IllegalArgumentException("bad verbosity class " + cls);
            };
        }

        void time(final char cls, final String name, final double seconds) {
            time(cls, "", name, seconds);
        }

        void time(final char cls, final String pref, final String name, final double seconds) {
            if (shown(cls, seconds * NS_PER_SECOND)) {
                rows.add(new Row(pref, name, QperfNumbers.time(seconds, o)));
            }
        }

        void rate(final char cls, final String name, final double perSec) {
            if (shown(cls, perSec)) {
                rows.add(new Row("", name, QperfNumbers.rate(perSec, o)));
            }
        }

        void band(final char cls, final String name, final double bytesPerSec) {
            if (shown(cls, bytesPerSec)) {
                rows.add(new Row("", name, QperfNumbers.band(bytesPerSec, o)));
            }
        }

        void cost(final char cls, final String name, final double secondsPerGB) {
            if (shown(cls, secondsPerGB * NS_PER_SECOND)) {
                rows.add(new Row("", name, QperfNumbers.cost(secondsPerGB, o)));
            }
        }

        void cpus(final char cls, final String name, final double cpus) {
            if (shown(cls, cpus * PERCENT)) {
                rows.add(new Row("", name, QperfNumbers.cpus(cpus, o)));
            }
        }

        void count(final char cls, final String pref, final String name, final long value) {
            if (shown(cls, value)) {
                rows.add(new Row(pref, name, QperfNumbers.count(value, o)));
            }
        }

        void size(final char cls, final String pref, final String name, final long value) {
            if (shown(cls, value)) {
                rows.add(new Row(pref, name, QperfNumbers.size(value, o)));
            }
        }

        void text(final char cls, final String pref, final String name, final String value) {
            if (shown(cls, value.isEmpty() ? 0 : 1)) {
                rows.add(new Row(pref, name, ValueText.text(value)));
            }
        }
    }
}
