package io.github.jqperf.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.report.OutputOptions;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QperfCommandLineTest {

    private static ParsedCommandLine parse(final String line) {
        return QperfCommandLine.parse(line.isEmpty() ? new String[0] : line.split(" "));
    }

    /** The error of a command line that must fail (and the exit code must be 1). */
    private static String error(final String line) {
        final ParsedCommandLine p = parse(line);
        assertThat(p.failure()).as("failure of %s", line).isPresent();
        assertThat(p.exitCode()).isEqualTo(1);
        return p.failure().orElseThrow().message();
    }

    private static Step.RunTest only(final String line) {
        final ParsedCommandLine p = parse(line);
        assertThat(p.failure()).as("failure of %s", line).isEmpty();
        assertThat(p.tests()).hasSize(1);
        return p.tests().get(0);
    }

    /** Output options with these values (conf, stat, time, used levels; -uu, -ub, -un, -e, -D). */
    private static OutputOptions options(
            final int c,
            final int s,
            final int t,
            final int u,
            final boolean uu,
            final boolean ub,
            final boolean un,
            final int e,
            final boolean d) {
        return OutputOptions.DEFAULT
                .withConfLevel(c)
                .withStatLevel(s)
                .withTimeLevel(t)
                .withUsedLevel(u)
                .withUnifyUnits(uu)
                .withBitsPerSec(ub)
                .withUnifyNodes(un)
                .withPrecision(e)
                .withDebug(d);
    }

    private static List<Long> remote(final ParsedCommandLine p, final Param param) {
        return p.tests().stream().map(t -> t.params().remote(param)).collect(Collectors.toList());
    }

    @Nested
    class Errors {
        @Test
        void badOption() {
            assertThat(error("-x")).isEqualTo("-x: bad option; try: qperf --help options");
            assertThat(error("-vvv")).isEqualTo("-vvv: bad option; try: qperf --help options");
            assertThat(error("-vv -vvv")).isEqualTo("-vvv: bad option; try: qperf --help options");
            assertThat(error("-Sb 1")).isEqualTo("-Sb: bad option; try: qperf --help options");
            assertThat(error("-rb 1")).isEqualTo("-rb: bad option; try: qperf --help options");
            assertThat(error("-")).isEqualTo("-: bad option; try: qperf --help options");
            assertThat(error("--loopbackx")).isEqualTo("--loopbackx: bad option; try: qperf --help options");
        }

        @Test
        void badTest() {
            assertThat(error("127.0.0.1 foo_bw")).isEqualTo("foo_bw: bad test; try: qperf --help tests");
            // xrc tests are in qperf's help but not in the Debian binary
            assertThat(error("h xrc_bw")).isEqualTo("xrc_bw: bad test; try: qperf --help tests");
        }

        @ParameterizedTest
        @CsvSource({"rc_bw", "sctp_bw", "sdp_lat", "rds_bw", "ud_lat", "ver_rc_fetch_add"})
        void unsupportedTest(final String test) {
            assertThat(error("h " + test))
                    .isEqualTo("jqperf: test " + test + " is not supported (RDMA/SCTP/SDP/RDS"
                            + " tests are not implemented); supported: tcp_bw tcp_lat udp_bw udp_lat conf quit");
        }

        @Test
        void hostAndTestOrder() {
            assertThat(error("tcp_bw")).isEqualTo("must specify host name first; try: qperf --help");
            assertThat(error("-t 1 rc_bw")).isEqualTo("must specify host name first; try: qperf --help");
            assertThat(error("-H tcp_lat")).isEqualTo("must specify host name first; try: qperf --help");
            assertThat(error("127.0.0.1")).isEqualTo("must specify a test type; try: qperf --help");
            assertThat(error("-H 127.0.0.1 -t 1")).isEqualTo("must specify a test type; try: qperf --help");
        }

        @Test
        void clientOnlyOptionWithoutHost() {
            final ParsedCommandLine p = parse("-t 1");
            assertThat(p.failure().orElseThrow().lines())
                    .containsExactly(
                            "you used a client-only option but did not specify the server name.",
                            "Do you want to be a client or server?");
            assertThat(p.exitCode()).isEqualTo(1);
            assertThat(error("-lp 5 -v")).startsWith("you used a client-only option");
            assertThat(error("-oo m:1")).startsWith("you used a client-only option");
        }

        @Test
        void missingArgument() {
            assertThat(error("-t")).isEqualTo("missing argument to -t");
            assertThat(error("-H")).isEqualTo("missing argument to -H");
            assertThat(error("-lp")).isEqualTo("missing argument to -lp");
            assertThat(error("h -m")).isEqualTo("missing argument to -m");
            assertThat(error("h -i")).isEqualTo("missing argument to -i");
            assertThat(error("h --time")).isEqualTo("missing argument to --time");
            // the option as typed, not its new name
            assertThat(error("h -a")).isEqualTo("missing argument to -a");
            assertThat(error("-oo")).isEqualTo("-oo: missing argument");
            assertThat(error("--loop")).isEqualTo("--loop: missing argument");
        }

        @Test
        void badNumbers() {
            assertThat(error("-t 1x")).isEqualTo("bad argument: 1x");
            assertThat(error("-t 1ms")).isEqualTo("bad argument: 1ms");
            assertThat(error("-ip 1x")).isEqualTo("bad argument: 1x");
            assertThat(error("-e x")).isEqualTo("bad argument: x");
            assertThat(error("-lp x")).isEqualTo("bad argument: x");
            assertThat(error("-ip 1.5")).isEqualTo("bad argument: 1.5");
            assertThat(QperfCommandLine.parse("-ip", " ")
                            .failure()
                            .orElseThrow()
                            .message())
                    .isEqualTo("bad argument:  ");
            assertThat(QperfCommandLine.parse("h", "-ip", "", "conf").tests()).hasSize(1);
            assertThat(QperfCommandLine.parse("h", "-ip", " 7", "conf")
                            .tests()
                            .get(0)
                            .params()
                            .remote(Param.PORT))
                    .isEqualTo(7);
            assertThat(error("-m 12q")).isEqualTo("-m: bad size: 12q");
            assertThat(error("-m 1KB")).isEqualTo("-m: bad size: 1KB");
            assertThat(error("-m 1Kb")).isEqualTo("-m: bad size: 1Kb");
            assertThat(error("--msg_size 1KiB")).isEqualTo("--msg_size: bad size: 1KiB");
            assertThat(error("-rsb 1 k")).isEqualTo("must specify a test type; try: qperf --help");
            assertThat(error("-t -1")).isEqualTo("-t requires a non-negative number");
            assertThat(error("-to -0.5")).isEqualTo("-to requires a non-negative number");
            assertThat(error("-t -inf")).isEqualTo("-t requires a non-negative number");
            assertThat(error("-m -5")).isEqualTo("-m requires a non-negative number");
            assertThat(error("-m inf")).isEqualTo("-m requires a non-negative number");
            assertThat(error("-m nan")).isEqualTo("-m requires a non-negative number");
            assertThat(error("-m 1e30")).isEqualTo("-m requires a non-negative number");
            assertThat(error("-ip -1")).isEqualTo("-ip requires a non-negative number");
            assertThat(error("-p -1")).isEqualTo("-p requires a non-negative number");
            assertThat(error("-sl 16")).isEqualTo("service level must be between 0 and 15: 16 given");
            assertThat(error("-sl 4294967312")).isEqualTo("service level must be between 0 and 15: 16 given");
        }

        @Test
        void stringTooLong() {
            final String s64 = "a".repeat(64);
            assertThat(error("-i " + s64)).isEqualTo(s64 + ": too long");
            assertThat(error("-i " + "a".repeat(63))).startsWith("you used a client-only option");
        }

        @Test
        void loopErrors() {
            assertThat(error("-oo foo:1:2")).isEqualTo("-oo: foo: no such variable");
            assertThat(error("--loop a:1:2")).isEqualTo("--loop: a: no such variable");
            assertThat(error("-oo m:1:2:0")).isEqualTo("-oo: 0: increment must be positive");
            assertThat(error("-oo m:1:2:*0")).isEqualTo("-oo: 0: increment must be positive");
            assertThat(error("-oo m::")).isEqualTo("-oo: must specify limit");
            assertThat(error("-oo m")).isEqualTo("-oo: m: increment must be positive");
            assertThat(error("-oo msg_size")).isEqualTo("-oo: bad size: msg_size");
            assertThat(error("-oo m:1:2x")).isEqualTo("-oo: bad size: 2x");
        }

        @Test
        void errorStopsLaterTestsButEarlierOnesRun() {
            final ParsedCommandLine p = parse("h tcp_lat foo udp_lat");
            assertThat(p.steps()).hasSize(2);
            assertThat(p.steps().get(0)).isInstanceOf(Step.RunTest.class);
            assertThat(((Step.Fail) p.steps().get(1)).lines())
                    .containsExactly("foo: bad test; try: qperf --help tests");
            assertThat(parse("h conf -t x udp_lat").steps()).hasSize(2);
        }

        @Test
        void loopValueErrorAtTestTime() {
            // the loop value is applied as if typed, when the test runs: negative sizes are rejected then
            final ParsedCommandLine p = parse("h conf -oo m:-1:2 conf");
            assertThat(p.tests()).hasSize(1);
            assertThat(p.failure().orElseThrow().message()).isEqualTo("-m requires a non-negative number");
            assertThat(error("h -oo h:1:2 conf"))
                    .isEqualTo("cannot find help category 1; try: qperf --help categories");
        }

        @Test
        void neverEndingLoopFails() {
            assertThat(error("h -oo m:0:64K:*2 tcp_lat")).startsWith("jqperf: -oo m:0:64K:*2: the loop never ends");
            assertThat(error("h -oo m:1:10: tcp_lat")).startsWith("jqperf: -oo m:1:10:: the loop never ends");
            assertThat(error("h -oo t:1:3:*1 tcp_lat")).contains("qperf would run tcp_lat forever");
        }
    }

    @Nested
    class HelpAndVersion {
        @Test
        void version() {
            final ParsedCommandLine p = parse("-V foo -x");
            assertThat(p.steps()).containsExactly(new Step.Version("qperf 0.4.11"));
            assertThat(p.exitCode()).isZero();
            assertThat(parse("--version").steps()).containsExactly(new Step.Version("qperf 0.4.11"));
            final ParsedCommandLine late = parse("h conf -V tcp_bw");
            assertThat(late.steps()).hasSize(2);
            assertThat(late.steps().get(1)).isInstanceOf(Step.Version.class);
        }

        @Test
        void help() {
            final Step.Help main = (Step.Help) parse("-h").steps().get(0);
            assertThat(main.topic()).isEqualTo("main");
            assertThat(main.text())
                    .startsWith("Synopsis")
                    .contains("--loopback")
                    .endsWith("\n");
            final Step.Help tests = (Step.Help) parse("--help tests").steps().get(0);
            assertThat(tests.text()).contains("tcp_bw", "udp_lat", "conf", "quit", "rc_bw");
            // the word after -h is the topic even if it looks like a host
            assertThat(error("127.0.0.1 -h 127.0.0.1"))
                    .isEqualTo("cannot find help category 127.0.0.1; try: qperf --help categories");
            assertThat(error("-h nope")).isEqualTo("cannot find help category nope; try: qperf --help categories");
            assertThat(parse("h -h").steps().get(0)).isInstanceOf(Step.Help.class);
            assertThat(parse("-h tests").exitCode()).isZero();
        }

        @Test
        void everyTopicExists() {
            for (final String t : List.of(
                    "main",
                    "categories",
                    "examples",
                    "options",
                    "opts",
                    "tests",
                    "extras",
                    "conf",
                    "quit",
                    "tcp_bw",
                    "tcp_lat",
                    "udp_bw",
                    "udp_lat",
                    "rc_bw",
                    "sctp_lat",
                    "xrc_bw",
                    "ver_rc_compare_swap",
                    "rc_rdma_write_poll_lat")) {
                assertThat(HelpTexts.find(t)).as(t).isPresent();
                assertThat(HelpTexts.find(t).orElseThrow()).as(t).endsWith("\n");
            }
            assertThat(HelpTexts.find("rc_rdma_write_poll_lat").orElseThrow())
                    .contains("RC RDMA write one way polling latency", "does not implement");
            assertThat(HelpTexts.find("categories").orElseThrow()).contains("    extras", "    tcp_lat");
            assertThat(HelpTexts.find("opts").orElseThrow()).contains("--loopback", "--busy-poll", "-oo");
        }
    }

    @Nested
    class Values {
        @Test
        void requestValues() {
            final Step.RunTest t = only("h -t 1 -ip 20000 -rsb 256K -ar1 -to 7 -rca 1 tcp_bw");
            final ParamSet p = t.params();
            assertThat(t.kind()).isEqualTo(TestKind.TCP_BW);
            assertThat(t.testName()).isEqualTo("tcp_bw");
            assertThat(t.host()).isEqualTo("h");
            assertThat(p.remote(Param.MSG_SIZE)).isEqualTo(65536);
            assertThat(p.remote(Param.PORT)).isEqualTo(20000);
            assertThat(p.remote(Param.SOCK_BUF_SIZE)).isEqualTo(262144);
            assertThat(p.local(Param.SOCK_BUF_SIZE)).isZero();
            assertThat(p.remote(Param.ACCESS_RECV)).isEqualTo(1);
            assertThat(p.remote(Param.TIMEOUT)).isEqualTo(7);
            assertThat(p.local(Param.TIMEOUT)).isEqualTo(7);
            assertThat(p.remote(Param.TIME)).isEqualTo(1);
            assertThat(p.remote(Param.AFFINITY)).isEqualTo(1);
            assertThat(p.local(Param.AFFINITY)).isZero();
            assertThat(p.isSet(Param.AFFINITY)).isTrue();
            assertThat(p.setBy(Param.AFFINITY)).isEqualTo("-rca");
            assertThat(p.isSet(Param.MSG_SIZE)).isFalse();
            assertThat(t.warnings()).isEmpty();
            assertThat(t.listenPort()).isEqualTo(19765);
            assertThat(t.waitServerSeconds()).isEqualTo(5);
            assertThat(t.output()).isEqualTo(OutputOptions.DEFAULT);
            assertThat(t.loopback()).isFalse();
        }

        @Test
        void defaults() {
            final ParsedCommandLine p = parse("h conf quit tcp_bw tcp_lat udp_bw udp_lat");
            assertThat(remote(p, Param.MSG_SIZE)).containsExactly(0L, 0L, 65536L, 1L, 32768L, 1L);
            assertThat(remote(p, Param.TIME)).containsOnly(2L);
            assertThat(remote(p, Param.TIMEOUT)).containsOnly(5L);
            assertThat(p.tests()).allSatisfy(t -> {
                assertThat(t.params().local(Param.TIME)).isEqualTo(2);
                assertThat(t.params().isSet(Param.TIME)).isFalse();
                assertThat(t.warnings()).isEmpty();
            });
        }

        @Test
        void persistence() {
            final ParsedCommandLine p = parse("h -t 1 tcp_lat udp_bw -m 100 conf quit");
            assertThat(remote(p, Param.MSG_SIZE)).containsExactly(1L, 32768L, 100L, 100L);
            assertThat(remote(p, Param.TIME)).containsOnly(1L);
            assertThat(p.tests().get(3).warnings()).isEmpty(); // msg_size was used by udp_bw
        }

        @Test
        void optionsAfterATestOnlyAffectLaterTests() {
            final ParsedCommandLine p = parse("h tcp_lat -t 1 -m 10 udp_lat");
            assertThat(remote(p, Param.TIME)).containsExactly(2L, 1L);
            assertThat(remote(p, Param.MSG_SIZE)).containsExactly(1L, 10L);
        }

        @Test
        void localAndRemoteDefaultsAreSeparate() {
            ParamSet p = only("h -rto 7 tcp_lat").params();
            assertThat(p.local(Param.TIMEOUT)).isEqualTo(5);
            assertThat(p.remote(Param.TIMEOUT)).isEqualTo(7);
            p = only("h -lto 3 tcp_lat").params();
            assertThat(p.local(Param.TIMEOUT)).isEqualTo(3);
            assertThat(p.remote(Param.TIMEOUT)).isEqualTo(5);
            assertThat(p.isSetLocal(Param.TIMEOUT)).isTrue();
            assertThat(p.isSetRemote(Param.TIMEOUT)).isFalse();
        }

        @Test
        void sizes() {
            assertThat(QperfCommandLine.strSize("1.5k", "-m")).isEqualTo(1500);
            assertThat(QperfCommandLine.strSize("1.5kb", "-m")).isEqualTo(1500);
            assertThat(QperfCommandLine.strSize("64K", "-m")).isEqualTo(65536);
            assertThat(QperfCommandLine.strSize("64kib", "-m")).isEqualTo(65536);
            assertThat(QperfCommandLine.strSize("2m", "-m")).isEqualTo(2_000_000);
            assertThat(QperfCommandLine.strSize("2mb", "-m")).isEqualTo(2_000_000);
            assertThat(QperfCommandLine.strSize("2M", "-m")).isEqualTo(2 * 1024 * 1024);
            assertThat(QperfCommandLine.strSize("2mib", "-m")).isEqualTo(2 * 1024 * 1024);
            assertThat(QperfCommandLine.strSize("1g", "-m")).isEqualTo(1_000_000_000);
            assertThat(QperfCommandLine.strSize("1gb", "-m")).isEqualTo(1_000_000_000);
            assertThat(QperfCommandLine.strSize("1G", "-m")).isEqualTo(1L << 30);
            assertThat(QperfCommandLine.strSize("1gib", "-m")).isEqualTo(1L << 30);
            assertThat(QperfCommandLine.strSize("1e3", "-m")).isEqualTo(1000);
            assertThat(QperfCommandLine.strSize("0x10", "-m")).isEqualTo(16);
            assertThat(QperfCommandLine.strSize("0x1p4k", "-m")).isEqualTo(16000);
            assertThat(QperfCommandLine.strSize(" 5", "-m")).isEqualTo(5);
            assertThat(QperfCommandLine.strSize("+7", "-m")).isEqualTo(7);
            assertThat(QperfCommandLine.strSize("", "-m")).isZero();
            assertThat(QperfCommandLine.strSize("k", "-m")).isZero();
            assertThat(QperfCommandLine.strSize(".5k", "-m")).isEqualTo(500);
            assertThat(QperfCommandLine.strSize("5.k", "-m")).isEqualTo(5000);
            assertThat(QperfCommandLine.strSize("-0.5", "-m")).isZero();
            assertThat(QperfCommandLine.strSize("1.9", "-m")).isEqualTo(1);
            // long double arithmetic: 0.001 is slightly below 1/1000, so 0.001k is 0 bytes (1 with doubles)
            assertThat(QperfCommandLine.strSize("0.001k", "-m")).isZero();
            assertThat(QperfCommandLine.strSize("1e-3k", "-m")).isZero();
            assertThat(QperfCommandLine.strSize("0.29k", "-m")).isEqualTo(290);
            assertThat(QperfCommandLine.strSize("1.001k", "-m")).isEqualTo(1001); // 1000 with doubles
            assertThat(QperfCommandLine.strSize("8.675k", "-m")).isEqualTo(8675);
        }

        @Test
        void sizesAreTruncatedTo32Bits() {
            assertThat(only("h -m 5G tcp_lat").params().remote(Param.MSG_SIZE)).isEqualTo(1L << 30);
            assertThat(only("h -ip 4294967296 tcp_lat").params().remote(Param.PORT))
                    .isZero();
            assertThat(only("h -ip 99999999999999999999 tcp_lat").params().remote(Param.PORT))
                    .isEqualTo(0xFFFF_FFFFL);
        }

        @ParameterizedTest
        @CsvSource({
            "1,1",
            "1.9,1",
            "0.02m,1",
            "1s,1",
            "1S,1",
            "1m,60",
            "1M,60",
            "0.5h,1800",
            "1H,3600",
            "1d,86400",
            "1D,86400",
            "1e1,10",
            "0x10,16",
            "0,0",
            "-0,0",
            "s,0",
            "inf,0",
            "nan,0",
            "4294967298,2",
            "' 3',3",
            "'',0",
            "1e400,0",
            "0x1p-3m,7"
        })
        void times(final String arg, final long seconds) {
            final ParsedCommandLine p = QperfCommandLine.parse("h", "-t", arg, "tcp_lat");
            assertThat(p.tests()).hasSize(1);
            assertThat(p.tests().get(0).params().remote(Param.TIME)).as(arg).isEqualTo(seconds);
        }

        @Test
        void emptyTimeArgument() {
            final Step.RunTest t =
                    QperfCommandLine.parse("h", "-t", "", "tcp_lat").tests().get(0);
            assertThat(t.params().remote(Param.TIME)).isZero();
            assertThat(t.params().isSet(Param.TIME)).isTrue();
        }

        @Test
        void clientSideOptions() {
            final Step.RunTest t = only("h -lp 23457 -ws 0 -e 5 -uu -ub -un -D tcp_bw");
            assertThat(t.listenPort()).isEqualTo(23457);
            assertThat(t.waitServerSeconds()).isZero();
            assertThat(t.output()).isEqualTo(options(0, 0, 0, 0, true, true, true, 5, true));
            assertThat(only("h -ws 1m tcp_bw").waitServerSeconds()).isEqualTo(60);
            assertThat(only("h -lp 99999999999999999999 tcp_bw").listenPort()).isEqualTo(-1);
        }

        @Test
        void hostOption() {
            assertThat(only("-H a tcp_bw").host()).isEqualTo("a");
            assertThat(only("a -H b tcp_bw").host()).isEqualTo("b");
            assertThat(only("--host a conf").host()).isEqualTo("a");
            final ParsedCommandLine p = parse("a tcp_bw -H b tcp_lat");
            assertThat(p.tests()).extracting(Step.RunTest::host).containsExactly("a", "b");
            // qperf quirk: with no host the first test name is taken as the host
            assertThat(only("tcp_bw tcp_lat").host()).isEqualTo("tcp_bw");
            assertThat(error("-H a b")).isEqualTo("b: bad test; try: qperf --help tests");
        }

        @Test
        void rdmaOptionsTravel() {
            final ParamSet p = only("h -ap 3 -f1 -i mlx5_0:1 -rsr 4xQDR -mt 2K -cp1 -nr 4 -sl 15 -sp 1 -cm1 tcp_bw")
                    .params();
            assertThat(p.remote(Param.ALT_PORT)).isEqualTo(3);
            assertThat(p.remote(Param.FLIP)).isEqualTo(1);
            assertThat(p.remoteText(Param.ID)).isEqualTo("mlx5_0:1");
            assertThat(p.localText(Param.STATIC_RATE)).isEmpty();
            assertThat(p.remoteText(Param.STATIC_RATE)).isEqualTo("4xQDR");
            assertThat(p.remote(Param.MTU_SIZE)).isEqualTo(2048);
            assertThat(p.remote(Param.POLL_MODE)).isEqualTo(1);
            assertThat(p.remote(Param.RD_ATOMIC)).isEqualTo(4);
            assertThat(p.remote(Param.SL)).isEqualTo(15);
            assertThat(p.remote(Param.SRC_PATH_BITS)).isEqualTo(1);
            assertThat(p.remote(Param.USE_CM)).isEqualTo(1);
        }
    }

    @Nested
    class Warnings {
        @Test
        void setButNotUsedInQperfOrder() {
            // observed with qperf 0.4.11: -lap 1 -rap 2 before -f, one line per option, repeated for quit
            final ParsedCommandLine p = parse("h -t 1 -f 1 -lap 1 -rap 2 -i x -vu tcp_lat quit");
            final List<String> expected = List.of("-lap", "-rap", "-f", "-i");
            assertThat(p.tests().get(0).warnings())
                    .containsExactlyElementsOf(expected.stream()
                            .map(o -> "warning: " + o + " set but not used in test tcp_lat")
                            .toList());
            assertThat(p.tests().get(1).warnings())
                    .containsExactlyElementsOf(expected.stream()
                            .map(o -> "warning: " + o + " set but not used in test quit")
                            .toList());
        }

        @Test
        void confNeverWarnsQuitDoes() {
            final ParsedCommandLine p = parse("h -m 5 -sb 1K conf quit");
            assertThat(p.tests().get(0).warnings()).isEmpty();
            assertThat(p.tests().get(1).warnings())
                    .containsExactly(
                            "warning: -m set but not used in test quit", "warning: -sb set but not used in test quit");
        }

        @Test
        void accessRecvOnlyForBandwidthAndUsedForever() {
            assertThat(only("h -ar1 tcp_lat").warnings())
                    .containsExactly("warning: -ar1 set but not used in test tcp_lat");
            assertThat(only("h --access_recv 1 udp_lat").warnings())
                    .containsExactly("warning: --access_recv set but not used in test udp_lat");
            final ParsedCommandLine p = parse("h -ar1 tcp_bw tcp_lat");
            assertThat(p.tests()).allSatisfy(t -> assertThat(t.warnings()).isEmpty());
        }

        @Test
        void noMsgs() {
            final Step.RunTest t = only("h -n 5 tcp_lat");
            assertThat(t.warnings()).containsExactly("warning: -n set but not used in test tcp_lat");
            // -n suppresses the default time: both sides would run forever
            assertThat(t.params().remote(Param.TIME)).isZero();
            assertThat(t.params().local(Param.TIME)).isZero();
            assertThat(t.params().remote(Param.NO_MSGS)).isEqualTo(5);
            assertThat(only("h -n 5 -t 3 tcp_lat").params().remote(Param.TIME)).isEqualTo(3);
        }

        @Test
        void obsoleteOptions() {
            final ParsedCommandLine p = parse("h -a 2 -p 20000 -S 64K -lS 1K -rT 9 -W 3 -vU -u -P 1 tcp_bw");
            assertThat(p.parseWarnings())
                    .containsExactly(
                            "warning: obsolete option: -a; use -ca instead",
                            "warning: obsolete option: -p; use -ip instead",
                            "warning: obsolete option: -S; use -sb instead",
                            "warning: obsolete option: -lS; use -lsb instead",
                            "warning: obsolete option: -rT; use -rto instead",
                            "warning: obsolete option: -W; use -ws instead",
                            "warning: obsolete option: -vU; use -vvu instead",
                            "warning: obsolete option: -u; use -uu instead",
                            "warning: obsolete option: -P; use -cp instead");
            final Step.RunTest t = p.tests().get(0);
            assertThat(t.params().remote(Param.AFFINITY)).isEqualTo(2);
            assertThat(t.params().setBy(Param.AFFINITY)).isEqualTo("-ca");
            assertThat(t.params().remote(Param.PORT)).isEqualTo(20000);
            assertThat(t.params().remote(Param.SOCK_BUF_SIZE)).isEqualTo(65536);
            assertThat(t.params().local(Param.SOCK_BUF_SIZE)).isEqualTo(1024);
            assertThat(t.params().remote(Param.TIMEOUT)).isEqualTo(9);
            assertThat(t.waitServerSeconds()).isEqualTo(3);
            assertThat(t.output().usedLevel()).isEqualTo(2);
            assertThat(t.output().unifyUnits()).isTrue();
            // warned under the new name
            assertThat(t.warnings()).containsExactly("warning: -cp set but not used in test tcp_bw");
            // steps keep the command-line order: warnings come before the test
            assertThat(p.steps().get(p.steps().size() - 1)).isInstanceOf(Step.RunTest.class);
        }

        @Test
        void obsoleteLongNamesAndFlags() {
            assertThat(parse("h --affinity 1 --port 2 --wait 1 --poll 0 -aro -fo -cmo -Ar 1 -M 1K conf")
                            .parseWarnings())
                    .containsExactly(
                            "warning: obsolete option: --affinity; use --cpu_affinity instead",
                            "warning: obsolete option: --port; use --ip_port instead",
                            "warning: obsolete option: --wait; use --wait_server instead",
                            "warning: obsolete option: --poll; use --cq_poll instead",
                            "warning: obsolete option: -aro; use -ar1 instead",
                            "warning: obsolete option: -fo; use -f1 instead",
                            "warning: obsolete option: -cmo; use -cm1 instead",
                            "warning: obsolete option: -Ar; use -ar instead",
                            "warning: obsolete option: -M; use -mt instead");
            assertThat(parse("-a 1").steps()).hasSize(2);
        }

        @Test
        void rateIsJqperfsPacingRateNotQperfsObsoleteStaticRateAlias() {
            // qperf reads --rate as an obsolete name of --static_rate (an RDMA-only option jqperf has no test for);
            // jqperf's --rate paces udp_bw (issue 10). --static_rate itself is still qperf's.
            final ParsedCommandLine p = parse("h --rate 5 conf");
            assertThat(p.parseWarnings()).isEmpty();
            assertThat(p.tests().get(0).extras().rateBitsPerSec()).hasValue(5);
            assertThat(parse("h --static_rate 5 conf").failure()).isEmpty();
        }

        @Test
        void sameOptionOnBothCopiesWarnsOnce() {
            assertThat(only("h -ap 1 tcp_bw").warnings())
                    .containsExactly("warning: -ap set but not used in test tcp_bw");
            assertThat(only("h -ap 1 -rap 2 tcp_bw").warnings())
                    .containsExactly(
                            "warning: -ap set but not used in test tcp_bw",
                            "warning: -rap set but not used in test tcp_bw");
        }

        @Test
        void qperfClearsDuplicateFlagAfterWarning() {
            // after the first warning the remote copy's "set" flag is cleared (same option); a later -lap renames
            // the local copy, and qperf then no longer warns about the remote -ap
            final ParsedCommandLine p = parse("h -ap 1 quit -lap 2 quit");
            assertThat(p.tests().get(0).warnings()).containsExactly("warning: -ap set but not used in test quit");
            assertThat(p.tests().get(1).warnings()).containsExactly("warning: -lap set but not used in test quit");
        }
    }

    @Nested
    class Loops {
        @Test
        void multiplicative() {
            final ParsedCommandLine p = parse("h -oo msg_size:1:64K:*2 -vu tcp_lat");
            assertThat(p.tests()).hasSize(17);
            assertThat(remote(p, Param.MSG_SIZE)).startsWith(1L, 2L, 4L).endsWith(32768L, 65536L);
            assertThat(p.tests()).allSatisfy(t -> {
                assertThat(t.params().isSet(Param.MSG_SIZE)).isTrue();
                assertThat(t.params().setBy(Param.MSG_SIZE)).isEqualTo("--msg_size");
                assertThat(t.output().usedLevel()).isEqualTo(1);
            });
        }

        @Test
        void omittedIncrementQuirk() {
            assertThat(remote(parse("h -oo msg_size:1:64K tcp_lat"), Param.MSG_SIZE))
                    .containsExactly(1L);
            assertThat(remote(parse("h -oo m:1 tcp_lat"), Param.MSG_SIZE)).containsExactly(1L);
            assertThat(remote(parse("h -oo m:1:5 tcp_lat"), Param.MSG_SIZE)).containsExactly(1L);
        }

        @Test
        void additiveAndDefaults() {
            assertThat(remote(parse("h -oo m:10:30:10 tcp_lat"), Param.MSG_SIZE))
                    .containsExactly(10L, 20L, 30L);
            // Init defaults to 0 (1 when multiplying); Var defaults to msg_size
            assertThat(remote(parse("h -oo ::2:1 tcp_lat"), Param.MSG_SIZE)).containsExactly(0L, 1L, 2L);
            assertThat(remote(parse("h -oo ::8:*2 tcp_lat"), Param.MSG_SIZE)).containsExactly(1L, 2L, 4L, 8L);
            assertThat(remote(parse("h -oo m:5:4:1 tcp_lat"), Param.MSG_SIZE)).isEmpty();
            assertThat(parse("h -oo m:5:4:1 tcp_lat").exitCode()).isZero();
        }

        @Test
        void nestedFirstIsOutermost() {
            final ParsedCommandLine p = parse("h -oo t:1:2:1 -oo m:1:4:*2 tcp_lat");
            assertThat(p.tests())
                    .extracting(t ->
                            t.params().remote(Param.TIME) + "/" + t.params().remote(Param.MSG_SIZE))
                    .containsExactly("1/1", "1/2", "1/4", "2/1", "2/2", "2/4");
            assertThat(p.tests().get(0).params().setBy(Param.TIME)).isEqualTo("-t");
        }

        @Test
        void loopsApplyToEveryLaterTestAndValuesPersist() {
            final ParsedCommandLine p = parse("h conf -oo m:1:2:1 tcp_lat udp_bw -oo ip:5:6:1 conf");
            assertThat(p.tests())
                    .extracting(Step.RunTest::testName)
                    .containsExactly("conf", "tcp_lat", "tcp_lat", "udp_bw", "udp_bw", "conf", "conf", "conf", "conf");
            assertThat(remote(p, Param.MSG_SIZE)).containsExactly(0L, 1L, 2L, 1L, 2L, 1L, 1L, 2L, 2L);
            assertThat(remote(p, Param.PORT)).containsExactly(0L, 0L, 0L, 0L, 0L, 5L, 6L, 5L, 6L);
        }

        @Test
        void loopVariableNames() {
            assertThat(only("h -oo ar1:0:0:1 tcp_bw").params().remote(Param.ACCESS_RECV))
                    .isEqualTo(1);
            assertThat(only("h -oo rsb:1K:1K:1 tcp_bw").params().remote(Param.SOCK_BUF_SIZE))
                    .isEqualTo(1024);
            assertThat(only("h -oo cpu_affinity:2:2:1 tcp_bw").params().setBy(Param.AFFINITY))
                    .isEqualTo("--cpu_affinity");
            assertThat(only("h -oo e:4:4:1 tcp_bw").output().precision()).isEqualTo(4);
            assertThat(only("h -oo f:1:1:1 tcp_bw").warnings())
                    .containsExactly("warning: -f set but not used in test tcp_bw");
            assertThat(error("h -oo a:1:2:1 tcp_bw")).isEqualTo("-oo: a: no such variable");
        }

        @Test
        void tooManyRuns() {
            assertThat(error("h -oo t:1:10001:1 conf")).startsWith("jqperf: too many test runs");
            assertThat(parse("h -oo t:1:10001:1 conf").tests()).hasSize(QperfCommandLine.MAX_TEST_RUNS);
        }
    }

    @Nested
    class Verbosity {
        private OutputOptions out(final String opts) {
            return only("h " + opts + " conf").output();
        }

        @Test
        void levels() {
            assertThat(out("-v")).isEqualTo(options(1, 1, 1, 1, false, false, false, 3, false));
            assertThat(out("-vv")).isEqualTo(options(2, 2, 2, 2, false, false, false, 3, false));
            assertThat(out("-vv -vu").usedLevel()).isEqualTo(1);
            assertThat(out("-vv -vu").statLevel()).isEqualTo(2);
            assertThat(out("-vv -v")).isEqualTo(out("-vv"));
            assertThat(out("-vvu -v")).isEqualTo(options(1, 1, 1, 2, false, false, false, 3, false));
            assertThat(out("-vs -vvt --verbose_conf --verbose_more_used"))
                    .isEqualTo(options(1, 1, 2, 2, false, false, false, 3, false));
            assertThat(out("-vC -vS -vT")).isEqualTo(options(2, 2, 2, 0, false, false, false, 3, false));
            assertThat(out("--verbose_more --verbose_stat --verbose_time"))
                    .isEqualTo(options(2, 1, 1, 2, false, false, false, 3, false));
        }
    }

    @Nested
    class ServerMode {
        @Test
        void noArguments() {
            final ParsedCommandLine p = parse("");
            assertThat(p.isServer()).isTrue();
            final Step.Serve s = (Step.Serve) p.steps().get(0);
            assertThat(s.listenPort()).isEqualTo(19765);
            assertThat(s.debug()).isFalse();
            assertThat(s.requestTimeoutSeconds()).isEqualTo(5);
            assertThat(p.exitCode()).isZero();
        }

        @Test
        void serverOptions() {
            final Step.Serve s = (Step.Serve)
                    parse("-lp 23457 -D --loc_timeout 7 --busy-poll").steps().get(0);
            assertThat(s.listenPort()).isEqualTo(23457);
            assertThat(s.debug()).isTrue();
            assertThat(s.requestTimeoutSeconds()).isEqualTo(7);
            assertThat(s.extras().busyPoll()).isTrue();
            assertThat(((Step.Serve) parse("-lto 0").steps().get(0)).requestTimeoutSeconds())
                    .isEqualTo(5);
            assertThat(((Step.Serve) parse("--listen_port 1 --debug").steps().get(0)).listenPort())
                    .isEqualTo(1);
        }

        @Test
        void obsoleteServerOptionWarnsThenServes() {
            final ParsedCommandLine p = parse("-lT 3");
            assertThat(p.steps()).hasSize(2);
            assertThat(p.steps().get(0)).isEqualTo(new Step.Warn("warning: obsolete option: -lT; use -lto instead"));
            assertThat(((Step.Serve) p.steps().get(1)).requestTimeoutSeconds()).isEqualTo(3);
        }

        @Test
        void clientOnlyOptions() {
            for (final String opt : List.of("-t 1", "-v", "-ws 1", "-H", "-uu", "-e 2", "-oo m:1:2", "--loopback")) {
                final ParsedCommandLine p = parse("-lp 5 " + opt);
                if (opt.equals("-H")) {
                    continue;
                }
                assertThat(p.isServer()).as(opt).isFalse();
                assertThat(p.failure().orElseThrow().lines()).as(opt).hasSize(opt.equals("--loopback") ? 1 : 2);
            }
        }
    }

    @Nested
    class Extras {
        @Test
        void loopback() {
            final ParsedCommandLine p = parse("--loopback -t 1 tcp_bw udp_lat");
            assertThat(p.tests()).hasSize(2);
            assertThat(p.tests()).allSatisfy(t -> {
                assertThat(t.host()).isEqualTo("127.0.0.1");
                assertThat(t.loopback()).isTrue();
            });
            assertThat(only("-t 1 --loopback conf").loopback()).isTrue();
            assertThat(error("--loopback")).isEqualTo("must specify a test type; try: qperf --help");
            assertThat(error("--loopback -t 1")).isEqualTo("must specify a test type; try: qperf --help");
            assertThat(error("h --loopback tcp_bw"))
                    .isEqualTo("jqperf: --loopback cannot be used with a server name (h)");
            assertThat(error("-H h --loopback tcp_bw")).startsWith("jqperf: --loopback cannot be used");
            assertThat(error("--loopback -H h tcp_bw")).isEqualTo("jqperf: -H cannot be used with --loopback");
            assertThat(error("--loopback foo")).isEqualTo("foo: bad test; try: qperf --help tests");
        }

        @Test
        void busyPoll() {
            final Step.RunTest t = only("h --busy-poll tcp_bw");
            assertThat(t.extras()).isEqualTo(JqperfExtras.DEFAULT.withBusyPoll(true));
            assertThat(only("h tcp_bw").extras()).isEqualTo(JqperfExtras.DEFAULT);
        }

        @Test
        void valuedExtrasAreCheckedWhenReadAndApplyToTheTestsAfterThem() {
            final Step.RunTest t = only("h --rate 500M --cpu-scope all --interval 0.5 --percentiles --json udp_bw");
            assertThat(t.extras().rateBitsPerSec()).hasValue(500_000_000L);
            assertThat(t.extras().cpuScope()).isEqualTo(JqperfExtras.CpuScope.ALL);
            assertThat(t.extras().intervalSeconds()).hasValue(0.5);
            assertThat(t.extras().percentiles()).isTrue();
            assertThat(t.extras().json()).isTrue();
            assertThat(t.extras().csv()).isFalse();
            assertThat(only("h tcp_lat").extras().cpuScope()).isEqualTo(JqperfExtras.CpuScope.SYSTEM);
            assertThat(error("h --rate fast udp_bw"))
                    .startsWith("jqperf: --rate")
                    .contains("fast");
            assertThat(error("h --cpu-scope pod tcp_bw"))
                    .isEqualTo("jqperf: --cpu-scope: 'pod' is not a scope; use system, process, cgroup or all");
            assertThat(error("h --interval 0 tcp_bw"))
                    .isEqualTo("jqperf: --interval: 0 is out of range; use 0.1 to 3600");
            assertThat(error("h --find-time x tcp_bw")).isEqualTo("jqperf: --find-time: 'x' is not a number");
            assertThat(error("h tcp_bw --hdr-log")).isEqualTo("jqperf: --hdr-log needs a value (FILE)");
        }

        @Test
        void serverExtrasKeepTheProcessAServer() {
            final Step step =
                    parse("--max-time 60 --queue 4 --allow 10.0.0.0/8").steps().get(0);
            assertThat(step).isInstanceOf(Step.Serve.class);
            final JqperfExtras e = ((Step.Serve) step).extras();
            assertThat(e.maxTimeSeconds()).hasValue(60);
            assertThat(e.queue()).hasValue(4);
            assertThat(e.allow()).hasValue("10.0.0.0/8");
            assertThat(e.idleLimitSeconds()).isEmpty();
        }

        @Test
        void idleLimitIsAServerExtraInSeconds() {
            final Step step = parse("--idle-limit 5").steps().get(0);
            assertThat(step).isInstanceOf(Step.Serve.class);
            assertThat(((Step.Serve) step).extras().idleLimitSeconds()).hasValue(5);
        }
    }
}
