package io.github.jqperf.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.QperfBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the parser with the real qperf 0.4.11 (when {@code /usr/bin/qperf} exists) on command lines that end
 * before any network activity: errors, obsolete-option warnings, version. The parser must predict qperf's exact
 * stdout and exit code. Every case is checked first to be one where the parser predicts no test run and no server,
 * so qperf never connects or listens.
 */
@EnabledIf(
        value = "qperfPresent",
        disabledReason = "real qperf 0.4.11 not found (apt-get install -y qperf; "
                + "-Djqperf.qperf=PATH names another; with CI=true this fails instead)")
class QperfDifferentialTest {
    private static final Path QPERF = QperfBinary.PATH;

    static boolean qperfPresent() {
        final boolean present = QperfBinary.present();
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("real qperf is required in CI: apt-get install -y qperf");
        }
        return present;
    }

    static Stream<List<String>> cases() {
        final List<List<String>> c = new ArrayList<>();
        for (final String s : List.of(
                "-x",
                "-vvv",
                "-Sb 1",
                "-rb 1",
                "-",
                "--loop",
                "-oo",
                "-t",
                "-H",
                "-lp",
                "tcp_bw",
                "rc_bw",
                "127.0.0.1",
                "127.0.0.1 foo_bw",
                "127.0.0.1 -a",
                "-a 1",
                "-V",
                "--version foo",
                "-h nope",
                "-t -1",
                "-t 1x",
                "-t 1ms",
                "-m 12q",
                "-m 1KB",
                "-m -5",
                "-m inf",
                "-m nan",
                "-m 1e30",
                "-ip -1",
                "-ip 1.5",
                "-e x",
                "-sl 16",
                "-sl 4294967312",
                "-oo foo:1:2",
                "-oo m:1:2:0",
                "-oo m::",
                "-oo m",
                "-oo msg_size",
                "-oo m:1",
                "-oo m:1:2x",
                "-oo :1:2",
                "-oo a:1:2",
                "-T 1 -W 1 -vU -u -P 1",
                // not --rate: jqperf's pacing rate, no longer qperf's obsolete alias of --static_rate (deliberate)
                "--affinity 1 --port 2 --wait 1 --poll 0",
                "-aro -fo -cmo -Ar 1 -M 1K -lS 1 -rS 1 -S 1",
                "-la 1 -ra 1 -lr x -rr x -lP 1 -rP 1 -R 1 -lR 1 -rR 1 -rT 1 -vC -vS -vT -lcpo -rcpo -cpo",
                "--loc_affinity 1 --rem_affinity 1 --loc_rate x --rem_rate x --loc_poll 1 --rem_poll 1",
                "-H tcp_lat",
                "-H h -t 1",
                "-lp 5 -v",
                "-i " + "a".repeat(64),
                "-i " + "a".repeat(63),
                "-t 0.02m -t 1e1 -t 0x10 -t inf -t nan -t s -t -0 -m -0.5 -m 0x1p4k -m .5k -m 5.k -ip +5",
                "-oo m:1:64K -oo t:1:2:1 -vv -vu",
                "-n 5 -ws 1h -to 1d -rto 2H -lto 3S -e 7 -uu -ub -un -D")) {
            c.add(List.of(s.split(" ")));
        }
        for (final String v : List.of(
                "1",
                "1.5",
                "1.5k",
                "1kb",
                "1K",
                "1kib",
                "1Kib",
                "1KiB",
                "1m",
                "1mb",
                "1M",
                "1mib",
                "1g",
                "1gb",
                "1G",
                "1gib",
                "1x",
                "1e",
                "1e+",
                "1e2k",
                "0x",
                "0xg",
                "0x1p",
                "k",
                "kk",
                "1 k",
                " 1",
                "1 ",
                "",
                "+",
                "-",
                ".",
                "-.",
                "infinity",
                "infinit",
                "nan(12)",
                "nan(",
                "1s",
                "1S",
                "1h",
                "1H",
                "1d",
                "1D",
                "1m ",
                "1w",
                "-1s",
                "-0",
                "1.9",
                "0.001k")) {
            for (final String opt : List.of("-m", "-t", "-ip", "-ws")) {
                c.add(List.of(opt, v));
            }
        }
        return c.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameOutputAndExitCode(final List<String> args) throws IOException, InterruptedException {
        final ParsedCommandLine parsed = QperfCommandLine.parse(args);
        assertThat(parsed.tests()).as("case must not run a test").isEmpty();
        assertThat(parsed.isServer()).as("case must not make a server").isFalse();
        final List<String> expected = new ArrayList<>();
        for (final Step s : parsed.steps()) {
            if (s instanceof Step.Warn w) {
                expected.add(w.text());
            } else if (s instanceof Step.Fail f) {
                expected.addAll(f.lines());
            } else if (s instanceof Step.Version v) {
                expected.add(v.text());
            }
        }

        final List<String> cmd = new ArrayList<>();
        cmd.add(QPERF.toString());
        cmd.addAll(args);
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("qperf did not end: " + args);
        }
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out.isEmpty() ? List.of() : List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1))
                .as("stdout of qperf %s", args)
                .containsExactlyElementsOf(expected);
        assertThat(p.exitValue()).as("exit code of qperf %s", args).isEqualTo(parsed.exitCode());
    }
}
