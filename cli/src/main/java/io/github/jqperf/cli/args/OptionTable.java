package io.github.jqperf.cli.args;

import io.github.jqperf.engine.spec.Param;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * qperf 0.4.11's option table and its list of renamed (obsolete) options, as data. Order matters: an {@code -oo}
 * loop variable is looked up by the first entry whose name, without its leading dashes, matches.
 */
final class OptionTable {
    private OptionTable() {}

    /** How an option is handled (qperf's option "type"). */
    enum Type {
        /** Decimal integer, must be non-negative. */
        INT,
        /** No argument, sets the parameter(s) to 1. */
        SET1,
        /** A size (1.5k, 64K, ...). */
        SIZE,
        /** A time (2, 1m, 0.5h, ...). */
        TIME,
        /** A string (at most 63 bytes). */
        STR,
        /** Service level: integer 0..15. */
        SL,
        DEBUG,
        HELP,
        HOST,
        LOOP,
        LISTEN_PORT,
        PRECISION,
        UB,
        UN,
        UU,
        V,
        VC,
        VS,
        VT,
        VU,
        VV,
        VVC,
        VVS,
        VVT,
        VVU,
        VERSION,
        WAIT
    }

    /** Which copies of the parameter an option sets. */
    enum Copies {
        /** Both (no prefix). */
        BOTH,
        /** Only the local copy ({@code -l...}). */
        LOCAL,
        /** Only the remote copy ({@code -r...}). */
        REMOTE,
        /** Not a parameter option. */
        NONE
    }

    /**
     * One option.
     *
     * @param name   as typed, e.g. {@code -rca}; also the name qperf reports in "set but not used" warnings
     * @param type   how its argument is handled
     * @param param  the parameter it sets, or null
     * @param copies which copies it sets
     * @param server true when a server may be given it (qperf's "S" types: -D, -lp, -lto)
     */
    record Option(String name, Type type, Param param, Copies copies, boolean server) {}

    private static Option p(final String name, final Type type, final Param param, final Copies copies) {
        return new Option(name, type, param, copies, false);
    }

    private static Option o(final String name, final Type type) {
        return new Option(name, type, null, Copies.NONE, false);
    }

    private static Option s(final String name, final Type type, final Param param, final Copies copies) {
        return new Option(name, type, param, copies, true);
    }

    private static final Copies B = Copies.BOTH;
    private static final Copies L = Copies.LOCAL;
    private static final Copies R = Copies.REMOTE;

    /** All options, in qperf's table order. */
    static final List<Option> OPTIONS = List.of(
            p("--access_recv", Type.INT, Param.ACCESS_RECV, B),
            p("-ar", Type.INT, Param.ACCESS_RECV, B),
            p("-ar1", Type.SET1, Param.ACCESS_RECV, B),
            p("--alt_port", Type.INT, Param.ALT_PORT, B),
            p("-ap", Type.INT, Param.ALT_PORT, B),
            p("--loc_alt_port", Type.INT, Param.ALT_PORT, L),
            p("-lap", Type.INT, Param.ALT_PORT, L),
            p("--rem_alt_port", Type.INT, Param.ALT_PORT, R),
            p("-rap", Type.INT, Param.ALT_PORT, R),
            p("--cpu_affinity", Type.INT, Param.AFFINITY, B),
            p("-ca", Type.INT, Param.AFFINITY, B),
            p("--loc_cpu_affinity", Type.INT, Param.AFFINITY, L),
            p("-lca", Type.INT, Param.AFFINITY, L),
            p("--rem_cpu_affinity", Type.INT, Param.AFFINITY, R),
            p("-rca", Type.INT, Param.AFFINITY, R),
            s("--debug", Type.DEBUG, null, Copies.NONE),
            s("-D", Type.DEBUG, null, Copies.NONE),
            p("--flip", Type.INT, Param.FLIP, B),
            p("-f", Type.INT, Param.FLIP, B),
            p("-f1", Type.SET1, Param.FLIP, B),
            o("--help", Type.HELP),
            o("-h", Type.HELP),
            o("--host", Type.HOST),
            o("-H", Type.HOST),
            p("--id", Type.STR, Param.ID, B),
            p("-i", Type.STR, Param.ID, B),
            p("--loc_id", Type.STR, Param.ID, L),
            p("-li", Type.STR, Param.ID, L),
            p("--rem_id", Type.STR, Param.ID, R),
            p("-ri", Type.STR, Param.ID, R),
            s("--listen_port", Type.LISTEN_PORT, null, Copies.NONE),
            s("-lp", Type.LISTEN_PORT, null, Copies.NONE),
            o("--loop", Type.LOOP),
            o("-oo", Type.LOOP),
            p("--msg_size", Type.SIZE, Param.MSG_SIZE, B),
            p("-m", Type.SIZE, Param.MSG_SIZE, B),
            p("--mtu_size", Type.SIZE, Param.MTU_SIZE, B),
            p("-mt", Type.SIZE, Param.MTU_SIZE, B),
            p("--no_msgs", Type.INT, Param.NO_MSGS, B),
            p("-n", Type.INT, Param.NO_MSGS, B),
            p("--cq_poll", Type.INT, Param.POLL_MODE, B),
            p("-cp", Type.INT, Param.POLL_MODE, B),
            p("-cp1", Type.SET1, Param.POLL_MODE, B),
            p("--loc_cq_poll", Type.INT, Param.POLL_MODE, L),
            p("-lcp", Type.INT, Param.POLL_MODE, L),
            p("-lcp1", Type.SET1, Param.POLL_MODE, L),
            p("--rem_cq_poll", Type.INT, Param.POLL_MODE, R),
            p("-rcp", Type.INT, Param.POLL_MODE, R),
            p("-rcp1", Type.SET1, Param.POLL_MODE, R),
            p("--ip_port", Type.INT, Param.PORT, B),
            p("-ip", Type.INT, Param.PORT, B),
            o("--precision", Type.PRECISION),
            o("-e", Type.PRECISION),
            p("--rd_atomic", Type.INT, Param.RD_ATOMIC, B),
            p("-nr", Type.INT, Param.RD_ATOMIC, B),
            p("--loc_rd_atomic", Type.INT, Param.RD_ATOMIC, L),
            p("-lnr", Type.INT, Param.RD_ATOMIC, L),
            p("--rem_rd_atomic", Type.INT, Param.RD_ATOMIC, R),
            p("-rnr", Type.INT, Param.RD_ATOMIC, R),
            p("--service_level", Type.SL, Param.SL, B),
            p("-sl", Type.SL, Param.SL, B),
            p("--loc_service_level", Type.SL, Param.SL, L),
            p("-lsl", Type.SL, Param.SL, L),
            p("--rem_service_level", Type.SL, Param.SL, R),
            p("-rsl", Type.SL, Param.SL, R),
            p("--sock_buf_size", Type.SIZE, Param.SOCK_BUF_SIZE, B),
            p("-sb", Type.SIZE, Param.SOCK_BUF_SIZE, B),
            p("--loc_sock_buf_size", Type.SIZE, Param.SOCK_BUF_SIZE, L),
            p("-lsb", Type.SIZE, Param.SOCK_BUF_SIZE, L),
            p("--rem_sock_buf_size", Type.SIZE, Param.SOCK_BUF_SIZE, R),
            p("-rsb", Type.SIZE, Param.SOCK_BUF_SIZE, R),
            p("--src_path_bits", Type.SIZE, Param.SRC_PATH_BITS, B),
            p("-sp", Type.SIZE, Param.SRC_PATH_BITS, B),
            p("--loc_src_path_bits", Type.SIZE, Param.SRC_PATH_BITS, L),
            p("-lsp", Type.SIZE, Param.SRC_PATH_BITS, L),
            p("--rem_src_path_bits", Type.SIZE, Param.SRC_PATH_BITS, R),
            p("-rsp", Type.SIZE, Param.SRC_PATH_BITS, R),
            p("--static_rate", Type.STR, Param.STATIC_RATE, B),
            p("-sr", Type.STR, Param.STATIC_RATE, B),
            p("--loc_static_rate", Type.STR, Param.STATIC_RATE, L),
            p("-lsr", Type.STR, Param.STATIC_RATE, L),
            p("--rem_static_rate", Type.STR, Param.STATIC_RATE, R),
            p("-rsr", Type.STR, Param.STATIC_RATE, R),
            p("--time", Type.TIME, Param.TIME, B),
            p("-t", Type.TIME, Param.TIME, B),
            p("--timeout", Type.TIME, Param.TIMEOUT, B),
            p("-to", Type.TIME, Param.TIMEOUT, B),
            s("--loc_timeout", Type.TIME, Param.TIMEOUT, L),
            s("-lto", Type.TIME, Param.TIMEOUT, L),
            p("--rem_timeout", Type.TIME, Param.TIMEOUT, R),
            p("-rto", Type.TIME, Param.TIMEOUT, R),
            o("--unify_nodes", Type.UN),
            o("-un", Type.UN),
            o("--unify_units", Type.UU),
            o("-uu", Type.UU),
            o("--use_bits_per_sec", Type.UB),
            o("-ub", Type.UB),
            p("--use_cm", Type.INT, Param.USE_CM, B),
            p("-cm", Type.INT, Param.USE_CM, B),
            p("-cm1", Type.SET1, Param.USE_CM, B),
            o("--verbose", Type.V),
            o("-v", Type.V),
            o("--verbose_conf", Type.VC),
            o("-vc", Type.VC),
            o("--verbose_stat", Type.VS),
            o("-vs", Type.VS),
            o("--verbose_time", Type.VT),
            o("-vt", Type.VT),
            o("--verbose_used", Type.VU),
            o("-vu", Type.VU),
            o("--verbose_more", Type.VV),
            o("-vv", Type.VV),
            o("--verbose_more_conf", Type.VVC),
            o("-vvc", Type.VVC),
            o("--verbose_more_stat", Type.VVS),
            o("-vvs", Type.VVS),
            o("--verbose_more_time", Type.VVT),
            o("-vvt", Type.VVT),
            o("--verbose_more_used", Type.VVU),
            o("-vvu", Type.VVU),
            o("--version", Type.VERSION),
            o("-V", Type.VERSION),
            o("--wait_server", Type.WAIT),
            o("-ws", Type.WAIT));

    /** Obsolete option → its replacement (qperf warns "warning: obsolete option: X; use Y instead"). */
    static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("--affinity", "--cpu_affinity"),
            Map.entry("-a", "-ca"),
            Map.entry("--loc_affinity", "--loc_cpu_affinity"),
            Map.entry("-la", "-lca"),
            Map.entry("--rem_affinity", "--rem_cpu_affinity"),
            Map.entry("-ra", "-rca"),
            // qperf's obsolete --rate; never reached: jqperf's own --rate (pacing, JqperfExtras) is matched first
            Map.entry("--rate", "--static_rate"),
            Map.entry("-r", "-sr"),
            Map.entry("--loc_rate", "--loc_static_rate"),
            Map.entry("-lr", "-lsr"),
            Map.entry("--rem_rate", "--rem_static_rate"),
            Map.entry("-rr", "-rsr"),
            Map.entry("--port", "--ip_port"),
            Map.entry("-p", "-ip"),
            Map.entry("--poll", "--cq_poll"),
            Map.entry("-P", "-cp"),
            Map.entry("--loc_poll", "--loc_cq_poll"),
            Map.entry("-lP", "-lcp"),
            Map.entry("--rem_poll", "--rem_cq_poll"),
            Map.entry("-rP", "-rcp"),
            Map.entry("-R", "-nr"),
            Map.entry("-lR", "-lnr"),
            Map.entry("-rR", "-rnr"),
            Map.entry("-T", "-to"),
            Map.entry("-lT", "-lto"),
            Map.entry("-rT", "-rto"),
            Map.entry("-S", "-sb"),
            Map.entry("-lS", "-lsb"),
            Map.entry("-rS", "-rsb"),
            Map.entry("--wait", "--wait_server"),
            Map.entry("-W", "-ws"),
            Map.entry("-vC", "-vvc"),
            Map.entry("-vS", "-vvs"),
            Map.entry("-vT", "-vvt"),
            Map.entry("-vU", "-vvu"),
            Map.entry("-aro", "-ar1"),
            Map.entry("-cmo", "-cm1"),
            Map.entry("-fo", "-f1"),
            Map.entry("-cpo", "-cp1"),
            Map.entry("-lcpo", "-lcp1"),
            Map.entry("-rcpo", "-rcp1"),
            Map.entry("-Ar", "-ar"),
            Map.entry("-M", "-mt"),
            Map.entry("-u", "-uu"));

    /** The option with exactly this name (no renaming). */
    static Optional<Option> byName(final String name) {
        for (final Option o : OPTIONS) {
            if (o.name().equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /**
     * The {@code -oo} loop variable called {@code var}: the first option whose name without its leading "-" or
     * "--" equals it ({@code msg_size} → {@code --msg_size}, {@code m} → {@code -m}).
     */
    static Optional<Option> loopVariable(final String var) {
        for (final Option o : OPTIONS) {
            String s = o.name().substring(1);
            if (s.startsWith("-")) {
                s = s.substring(1);
            }
            if (s.equals(var)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
