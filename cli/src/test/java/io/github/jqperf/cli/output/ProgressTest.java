package io.github.jqperf.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.cli.args.QperfCommandLine;
import io.github.jqperf.cli.args.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line without a terminal: its text, when it is drawn, and that it is erased. */
class ProgressTest {
    private static List<Step.RunTest> runs(final String... args) {
        return QperfCommandLine.parse(args).tests();
    }

    @Test
    void shouldSayTestIterationAndSecondsLeft() {
        assertThat(Progress.line("tcp_bw", 1, 1, 10, 0)).isEqualTo("jqperf: tcp_bw, 10 s left");
        assertThat(Progress.line("tcp_bw", 1, 1, 10, 500_000_000L)).isEqualTo("jqperf: tcp_bw, 10 s left");
        assertThat(Progress.line("tcp_bw", 2, 5, 10, 9_000_000_000L)).isEqualTo("jqperf: tcp_bw 2/5, 1 s left");
        assertThat(Progress.line("udp_lat", 3, 3, 2, 2_000_000_000L)).isEqualTo("jqperf: udp_lat 3/3, finishing");
        assertThat(Progress.line("tcp_lat", 1, 1, 0, 0)).isEqualTo("jqperf: tcp_lat, running");
    }

    @Test
    void shouldShowRunsOfThreeSecondsOrMoreAndLoops() {
        assertThat(Progress.worthShowing(runs("h", "-t", "3", "tcp_bw").get(0))).isTrue();
        assertThat(Progress.worthShowing(runs("h", "-t", "2", "tcp_bw").get(0))).isFalse();
        assertThat(Progress.worthShowing(runs("h", "tcp_bw").get(0)))
                .as("default 2 s")
                .isFalse();
        assertThat(Progress.worthShowing(
                        runs("h", "--interval", "1", "-t", "10", "tcp_bw").get(0)))
                .as("interval samples are the progress")
                .isFalse();
        assertThat(Progress.worthShowing(runs("h", "-t", "1", "-oo", "msg_size:1:2:*2", "tcp_lat")
                        .get(0)))
                .isTrue();
    }

    @Test
    void shouldBeAllowedOnlyOnATerminalWithTextAndWithoutNoProgress() {
        final PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        final Reporter text = new TextReporter(sink, sink);
        assertThat(Progress.enabled(true, text, false)).isTrue();
        assertThat(Progress.enabled(false, text, false)).isFalse();
        assertThat(Progress.enabled(true, text, true)).isFalse();
        assertThat(Progress.enabled(true, JsonReporter.create(List.of(), sink, sink), false))
                .isFalse();
        assertThat(Progress.enabled(true, new CsvReporter(sink, sink), false)).isFalse();
    }

    @Test
    void shouldDrawWithCarriageReturnsAndEraseAtTheEnd() throws InterruptedException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final AtomicLong now = new AtomicLong();
        final Progress p = new Progress(err, true, now::get);
        try (Progress.Shown shown = p.show(runs("h", "-t", "5", "tcp_bw").get(0))) {
            Thread.sleep(3 * Progress.PERIOD_MILLIS);
            now.set(4_500_000_000L);
            Thread.sleep(3 * Progress.PERIOD_MILLIS);
        }
        final String s = bytes.toString(StandardCharsets.UTF_8);
        assertThat(s).startsWith("\rjqperf: tcp_bw, 5 s left");
        assertThat(s).contains("\rjqperf: tcp_bw, 1 s left");
        assertThat(s).doesNotContain("\n");
        // drawn once per change of text, then overwritten with spaces
        assertThat(s.split("\r", -1)).hasSize(5);
        assertThat(s).endsWith("\r" + " ".repeat("jqperf: tcp_bw, 5 s left".length()) + "\r");
    }

    @Test
    void shouldWriteNothingWhenDisabledOrNotWorthIt() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new Progress(err, false).show(runs("h", "-t", "5", "tcp_bw").get(0)).close();
        new Progress(err, true).show(runs("h", "-t", "1", "tcp_bw").get(0)).close();
        new Progress(err, true)
                .show(runs("h", "--no-progress", "-t", "5", "tcp_bw").get(0))
                .close();
        assertThat(bytes.size()).isZero();
    }
}
