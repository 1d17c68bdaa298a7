package io.github.jqperf.cli.args;

import io.github.jqperf.cli.args.CNumbers.DoubleParse;
import io.github.jqperf.cli.args.CNumbers.LongDouble;
import io.github.jqperf.cli.args.CNumbers.LongParse;
import io.github.jqperf.cli.args.OptionTable.Copies;
import io.github.jqperf.cli.args.OptionTable.Option;
import io.github.jqperf.engine.report.OutputOptions;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.QperfDefaults;
import io.github.jqperf.engine.spec.TestKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * qperf 0.4.11's command line (docs/protocol.md §9), parsed into the {@link Step}s qperf would carry out, in order.
 * Pure: no I/O, no exit; the caller prints and runs.
 *
 * <p>The model is qperf's: arguments are read left to right; the first word is the server name (unless
 * {@code -H} gave one, or {@code --loopback}), every later word is a test that "runs" at that point with the
 * options read so far (once per combination of the active {@code -oo} loops); option values persist from test to
 * test; an error ends the program but the tests before it have run. A command line with no word and only server
 * options ({@code -lp}, {@code -D}, {@code -lto}, jqperf's {@code --busy-poll}) is a server.
 *
 * <p>Numbers follow the C library qperf uses: {@code strtol} for integers, {@code strtold} (long double) for sizes
 * and times, truncation to an integer, values kept as unsigned 32-bit quantities in the parameters.
 *
 * <p>Deliberate differences from qperf: tests qperf has but jqperf does not implement fail with
 * {@link #unsupportedTestMessage(String)}; an {@code -oo} loop that would never end, or a command line expanding to
 * more than {@link #MAX_TEST_RUNS} test runs, fails instead of running forever; jqperf's extra options
 * ({@link JqperfExtras.Option}) are accepted.
 */
public final class QperfCommandLine {
    /** What {@code -V}/{@code --version} prints. */
    public static final String VERSION_LINE = "qperf 0.4.11";
    /** Server name used with {@code --loopback}. */
    public static final String LOOPBACK_HOST = "127.0.0.1";
    /** Most test runs one command line may expand to (qperf has no limit; each run keeps a parameter snapshot). */
    public static final int MAX_TEST_RUNS = 10_000;

    /** The tests jqperf implements: the measurement tests first ("tcp_bw tcp_lat udp_bw udp_lat conf quit"). */
    private static final String SUPPORTED = supportedTests();

    /** qperf's parameter table order (ParInfo), which orders the "set but not used" warnings. */
    private static final Param[] PAR_ORDER = {
        Param.ACCESS_RECV,
        Param.AFFINITY,
        Param.ALT_PORT,
        Param.FLIP,
        Param.ID,
        Param.MSG_SIZE,
        Param.MTU_SIZE,
        Param.NO_MSGS,
        Param.POLL_MODE,
        Param.PORT,
        Param.RD_ATOMIC,
        Param.SL,
        Param.SOCK_BUF_SIZE,
        Param.SRC_PATH_BITS,
        Param.STATIC_RATE,
        Param.TIME,
        Param.TIMEOUT,
        Param.USE_CM,
    };

    /** One {@code -oo} loop. */
    private record Loop(String spec, Option option, long init, long last, long incr, boolean mult) {}

    /** Ends parsing with a final step (error, help, version). */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Step step;

        Stop(final Step step) {
            super(null, null, false, false);
            this.step = step;
        }
    }

    private final List<String> args;
    private final List<Step> steps = new ArrayList<>();
    private final ParamSet params = new ParamSet();
    /** qperf's per-copy "set" flag (index: 2 × position in PAR_ORDER, +1 for the remote copy). */
    private final boolean[] set = new boolean[2 * PAR_ORDER.length];
    /** qperf's per-copy "used" flag: once a test used a parameter it is never warned about again. */
    private final boolean[] used = new boolean[2 * PAR_ORDER.length];

    private final List<Loop> loops = new ArrayList<>();

    private OutputOptions output = OutputOptions.DEFAULT;
    private JqperfExtras extras = JqperfExtras.DEFAULT;
    private String serverName;
    private int listenPort = QperfDefaults.LISTEN_PORT;
    private int serverWait = QperfDefaults.WAIT_SERVER_SECONDS;
    private boolean debug;
    private boolean isClient;
    private boolean testSpecified;
    private int testRuns;

    private QperfCommandLine(final List<String> args) {
        this.args = List.copyOf(args);
    }

    /**
     * Parses a command line (the arguments after the program name).
     *
     * @param args the arguments; none may be null
     * @return the steps to carry out
     */
    public static ParsedCommandLine parse(final List<String> args) {
        Objects.requireNonNull(args);
        return new QperfCommandLine(args).run();
    }

    /** Same as {@link #parse(List)}. */
    public static ParsedCommandLine parse(final String... args) {
        return parse(Arrays.asList(args));
    }

    /** jqperf's error for a test qperf has but jqperf does not implement (e.g. {@code rc_bw}). */
    public static String unsupportedTestMessage(final String test) {
        return "jqperf: test " + test + " is not supported (RDMA/SCTP/SDP/RDS tests are not implemented); "
                + "supported: " + SUPPORTED;
    }

    /** The names of the tests jqperf implements, measurement tests first, separated by spaces. */
    static String supportedTests() {
        final StringBuilder sb = new StringBuilder();
        for (final boolean measurement : new boolean[] {true, false}) {
            for (final TestKind k : TestKind.values()) {
                if (k.isMeasurement() == measurement) {
                    sb.append(sb.length() == 0 ? "" : " ").append(k.qperfName());
                }
            }
        }
        return sb.toString();
    }

    private ParsedCommandLine run() {
        try {
            int i = 0;
            while (i < args.size()) {
                final String arg = args.get(i);
                if (arg.startsWith("-")) {
                    final Optional<JqperfExtras.Option> extra = JqperfExtras.Option.byName(arg);
                    if (extra.isPresent()) {
                        if (!extra.get().server()) {
                            isClient = true;
                        }
                        i = applyExtra(extra.get(), i);
                        continue;
                    }
                    final Option option = findOption(arg);
                    if (!option.server()) {
                        isClient = true;
                    }
                    i = apply(option, args, i);
                } else {
                    isClient = true;
                    if (serverName == null) {
                        serverName = arg;
                    } else {
                        runTest(arg);
                        testSpecified = true;
                    }
                    i++;
                }
            }
            finish();
        } catch (final Stop stop) {
            steps.add(stop.step);
        }
        return new ParsedCommandLine(steps);
    }

    private void finish() {
        if (!isClient) {
            final long timeout = params.local(Param.TIMEOUT);
            steps.add(new Step.Serve(
                    listenPort,
                    debug,
                    timeout == 0 ? QperfDefaults.TIMEOUT_SECONDS : (int) timeout,
                    params.copy(),
                    extras));
        } else if (!testSpecified) {
            if (serverName == null) {
                fail(
                        "you used a client-only option but did not specify the server name.",
                        "Do you want to be a client or server?");
            }
            if (TestKind.isQperfTestName(serverName)) {
                fail("must specify host name first; try: qperf --help");
            }
            fail("must specify a test type; try: qperf --help");
        }
    }

    private static Stop fail(final String... lines) {
        throw new Stop(new Step.Fail(List.of(lines), 1));
    }

    // ------------------------------------------------------------------------------------------------ options

    private Option findOption(final String arg) {
        String name = arg;
        final String renamed = OptionTable.RENAMED.get(arg);
        if (renamed != null) {
            steps.add(new Step.Warn("warning: obsolete option: " + arg + "; use " + renamed + " instead"));
            name = renamed;
        }
        return OptionTable.byName(name).orElseThrow(() -> fail(arg + ": bad option; try: qperf --help options"));
    }

    private int applyExtra(final JqperfExtras.Option extra, final int pos) {
        switch (extra) {
            case LOOPBACK -> {
                if (serverName != null && !extras.loopback()) {
                    fail("jqperf: --loopback cannot be used with a server name (" + serverName + ")");
                }
                extras = extras.withLoopback(true);
                serverName = LOOPBACK_HOST;
            }
            default -> {
                if (!extra.takesValue()) {
                    extras = extras.with(extra, "");
                    break;
                }
                if (pos + 1 >= args.size()) {
                    fail("jqperf: " + extra.optionName() + " needs a value (" + extra.valueName() + ")");
                }
                final String value = args.get(pos + 1);
                try {
                    extra.check(value);
                } catch (RuntimeException e) {
                    fail("jqperf: " + e.getMessage());
                }
                extras = extras.with(extra, value);
                return pos + 2;
            }
        }
        return pos + 1;
    }

    /**
     * Applies {@code option}, typed as {@code argv.get(pos)} with its argument (if any) at {@code pos + 1}, and
     * returns the index of the next argument (qperf's do_option).
     */
    private int apply(final Option option, final List<String> argv, final int pos) {
        switch (option.type()) {
            case DEBUG -> {
                debug = true;
                output = output.withDebug(true);
                return pos + 1;
            }
            case HELP -> {
                final String topic = pos + 1 < argv.size() ? argv.get(pos + 1) : "main";
                final Optional<String> text = HelpTexts.find(topic);
                if (text.isEmpty()) {
                    fail("cannot find help category " + topic + "; try: qperf --help categories");
                }
                throw new Stop(new Step.Help(topic, text.get()));
            }
            case HOST -> {
                final String host = argString(argv, pos);
                if (extras.loopback()) {
                    fail("jqperf: " + argv.get(pos) + " cannot be used with --loopback");
                }
                serverName = host;
                return pos + 2;
            }
            case INT -> {
                setParam(option, argLong(argv, pos));
                return pos + 2;
            }
            case LOOP -> {
                parseLoop(argv, pos);
                return pos + 2;
            }
            case LISTEN_PORT -> {
                listenPort = (int) argLong(argv, pos);
                return pos + 2;
            }
            case PRECISION -> {
                output = output.withPrecision((int) argLong(argv, pos));
                return pos + 2;
            }
            case SET1 -> {
                setParam(option, 1);
                return pos + 1;
            }
            case SIZE -> {
                setParam(option, argSize(argv, pos));
                return pos + 2;
            }
            case SL -> {
                final long v = argLong(argv, pos);
                if (v > 15) {
                    fail("service level must be between 0 and 15: " + (int) v + " given");
                }
                setParam(option, v);
                return pos + 2;
            }
            case STR -> {
                setText(option, argString(argv, pos));
                return pos + 2;
            }
            case TIME -> {
                setParam(option, argTime(argv, pos));
                return pos + 2;
            }
            case UB -> output = output.withBitsPerSec(true);
            case UN -> output = output.withUnifyNodes(true);
            case UU -> output = output.withUnifyUnits(true);
            case V -> output = output.verbose();
            case VC -> output = output.withConfLevel(1);
            case VS -> output = output.withStatLevel(1);
            case VT -> output = output.withTimeLevel(1);
            case VU -> output = output.withUsedLevel(1);
            case VV -> output = output.verboseMore();
            case VVC -> output = output.withConfLevel(2);
            case VVS -> output = output.withStatLevel(2);
            case VVT -> output = output.withTimeLevel(2);
            case VVU -> output = output.withUsedLevel(2);
            case VERSION -> throw new Stop(new Step.Version(VERSION_LINE));
            case WAIT -> {
                serverWait = (int) argTime(argv, pos);
                return pos + 2;
            }
            default -> throw new IllegalStateException(option.type().name());
        }
        return pos + 1;
    }

    private static int parIndex(final Param p, final boolean remote) {
        for (int i = 0; i < PAR_ORDER.length; i++) {
            if (PAR_ORDER[i] == p) {
                return 2 * i + (remote ? 1 : 0);
            }
        }
        throw new IllegalArgumentException(p.name());
    }

    private void setParam(final Option option, final long value) {
        final Param p = option.param();
        if (option.copies() != Copies.REMOTE) {
            params.setLocal(p, value, option.name());
            set[parIndex(p, false)] = true;
        }
        if (option.copies() != Copies.LOCAL) {
            params.setRemote(p, value, option.name());
            set[parIndex(p, true)] = true;
        }
    }

    private void setText(final Option option, final String value) {
        final Param p = option.param();
        final char which = switch (option.copies()) {
            case LOCAL -> 'l';
            case REMOTE -> 'r';
            default -> 'b';
        };
        if (which != 'r') {
            set[parIndex(p, false)] = true;
        }
        if (which != 'l') {
            set[parIndex(p, true)] = true;
        }
        if (value.getBytes(StandardCharsets.UTF_8).length >= 64) {
            fail(value + ": too long");
        }
        params.setText(p, which, value, option.name());
    }

    // ------------------------------------------------------------------------------------------ option values

    private static String argString(final List<String> argv, final int pos) {
        if (pos + 1 >= argv.size()) {
            fail("missing argument to " + argv.get(pos));
        }
        return argv.get(pos + 1);
    }

    private static long argLong(final List<String> argv, final int pos) {
        final String a = argString(argv, pos);
        final LongParse r = CNumbers.strtol(a);
        if (r.end() != a.length()) {
            fail("bad argument: " + a);
        }
        if (r.value() < 0) {
            fail(argv.get(pos) + " requires a non-negative number");
        }
        return r.value();
    }

    private static long argSize(final List<String> argv, final int pos) {
        final String a = argString(argv, pos);
        final long v = strSize(a, argv.get(pos));
        if (v < 0) {
            fail(argv.get(pos) + " requires a non-negative number");
        }
        return v;
    }

    /** A size: number with an optional case-sensitive suffix; {@code what} names the option in the error. */
    static long strSize(final String str, final String what) {
        final DoubleParse d = CNumbers.strtold(str);
        final long m = switch (str.substring(d.end())) {
            case "" -> 1;
            case "kb", "k" -> 1000;
            case "mb", "m" -> 1000 * 1000;
            case "gb", "g" -> 1000 * 1000 * 1000;
            case "kib", "K" -> 1024;
            case "mib", "M" -> 1024 * 1024;
            case "gib", "G" -> 1024 * 1024 * 1024;
            default -> throw fail(what + ": bad size: " + str);
        };
        return d.value().times(m).toCLong();
    }

    private static long argTime(final List<String> argv, final int pos) {
        final String a = argString(argv, pos);
        final DoubleParse d = CNumbers.strtold(a);
        final LongDouble v = d.value();
        if (v.isNegative()) {
            fail(argv.get(pos) + " requires a non-negative number");
        }
        final String rest = a.substring(d.end());
        if (rest.isEmpty()) {
            return v.toCLong();
        }
        if (rest.length() != 1) {
            fail("bad argument: " + a);
        }
        return switch (rest.charAt(0)) {
            case 's', 'S' -> v.toCLong();
            case 'm', 'M' -> v.times(60).toCLong();
            case 'h', 'H' -> v.times(60 * 60).toCLong();
            case 'd', 'D' -> v.times(60 * 60 * 24).toCLong();
            default -> throw fail("bad argument: " + a);
        };
    }

    // ---------------------------------------------------------------------------------------------------- loops

    /** A cursor over {@code Var:Init:Last:Incr} with qperf's quirk: a field without a ':' after it repeats. */
    private static final class LoopFields {
        private final String s;
        private int at;

        LoopFields(final String s) {
            this.s = s;
        }

        String next() {
            final int colon = s.indexOf(':', at);
            final String field;
            if (colon >= 0) {
                field = s.substring(at, colon);
                at = colon + 1;
            } else {
                field = s.substring(at);
            }
            return field.isEmpty() ? null : field;
        }
    }

    private void parseLoop(final List<String> argv, final int pos) {
        final String opt = argv.get(pos);
        if (pos + 1 >= argv.size()) {
            fail(opt + ": missing argument");
        }
        final String spec = argv.get(pos + 1);
        final LoopFields f = new LoopFields(spec);
        String name = f.next();
        final String init = f.next();
        final String last = f.next();
        String incr = f.next();
        if (name == null) {
            name = "msg_size";
        }
        final String var = name;
        final Option option =
                OptionTable.loopVariable(var).orElseThrow(() -> fail(opt + ": " + var + ": no such variable"));
        boolean mult = false;
        long incrValue = 0;
        if (incr != null) {
            if (incr.startsWith("*")) {
                incr = incr.substring(1);
                mult = true;
            }
            incrValue = strSize(incr, opt);
            if (incrValue < 1) {
                fail(opt + ": " + incr + ": increment must be positive");
            }
        }
        final long initValue = init != null ? strSize(init, opt) : mult ? 1 : 0;
        if (last == null) {
            fail(opt + ": must specify limit");
        }
        final long lastValue = strSize(last, opt);
        loops.add(new Loop(opt + " " + spec, option, initValue, lastValue, incrValue, mult));
    }

    // ---------------------------------------------------------------------------------------------------- tests

    private void runTest(final String name) {
        final Optional<TestKind> kind = TestKind.byName(name);
        if (kind.isEmpty()) {
            if (TestKind.isQperfTestName(name)) {
                fail(unsupportedTestMessage(name));
            }
            fail(name + ": bad test; try: qperf --help tests");
        }
        final int first = steps.size();
        doLoop(0, name, kind.get());
        numberIterations(first);
    }

    /** Numbers the runs one test word expanded to (from {@code steps[first]} on): i of n. */
    private void numberIterations(final int first) {
        final int n = (int) steps.subList(first, steps.size()).stream()
                .filter(Step.RunTest.class::isInstance)
                .count();
        int i = 0;
        for (int at = first; at < steps.size(); at++) {
            if (steps.get(at) instanceof Step.RunTest t) {
                steps.set(at, t.withIteration(++i, n));
            }
        }
    }

    private void doLoop(final int depth, final String name, final TestKind kind) {
        if (depth == loops.size()) {
            client(name, kind);
            return;
        }
        final Loop loop = loops.get(depth);
        long l = loop.init();
        while (l <= loop.last()) {
            apply(loop.option(), List.of(loop.option().name(), Long.toString(l)), 0);
            final long next;
            try {
                next = loop.mult() ? Math.multiplyExact(l, loop.incr()) : Math.addExact(l, loop.incr());
            } catch (final ArithmeticException overflow) {
                doLoop(depth + 1, name, kind);
                return;
            }
            if (next <= l) {
                fail("jqperf: " + loop.spec() + ": the loop never ends ("
                        + loop.option().name() + " stays at or" + " below " + l + "); qperf would run " + name
                        + " forever");
            }
            doLoop(depth + 1, name, kind);
            l = next;
        }
    }

    /** One test run: qperf's client() with the per-test defaults, then the "set but not used" check. */
    private void client(final String name, final TestKind kind) {
        if (++testRuns > MAX_TEST_RUNS) {
            fail("jqperf: too many test runs (more than " + MAX_TEST_RUNS + "); split the command line");
        }
        // qperf writes its per-test defaults into the parameters that persist to the next test
        kind.applyDefaults(params);
        for (final Param p : kind.params()) {
            use(p);
        }
        final List<String> warnings = kind.checksUnusedParams() ? unusedWarnings(name) : List.of();
        steps.add(new Step.RunTest(
                name, kind, params.copy(), output, serverName, listenPort, serverWait, warnings, extras));
    }

    private void use(final Param p) {
        used[parIndex(p, false)] = true;
        used[parIndex(p, true)] = true;
    }

    private String parName(final int index) {
        final Param p = PAR_ORDER[index / 2];
        return index % 2 == 0 ? params.setByLocal(p) : params.setByRemote(p);
    }

    /** qperf's opt_check: one warning per option that set a parameter no test has used so far. */
    private List<String> unusedWarnings(final String test) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < set.length; i++) {
            if (used[i] || !set[i]) {
                continue;
            }
            final String opt = parName(i);
            out.add("warning: " + opt + " set but not used in test " + test);
            for (int j = i + 1; j < set.length; j++) {
                if (set[j] && opt.equals(parName(j))) {
                    set[j] = false;
                }
            }
        }
        return out;
    }
}
