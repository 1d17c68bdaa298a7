package io.github.jqperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --rate}, {@code --loss} and {@code --find-rate} on the command line, against the in-process server. */
class UdpRateCliTest {
    @Test
    void shouldPrintTheLossLineAfterUdpBwsLinesWithLoss() {
        final CliTest.Result r = CliTest.run("--loopback", "-t", "1", "--rate", "50M", "--loss", "udp_bw");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .matches(
                        "udp_bw:\n    send_bw  = +[0-9.]+ MB/sec\n    recv_bw  = +[0-9.]+ MB/sec\n    loss     = +[0-9.]+ %\n");
    }

    @Test
    void shouldPrintNoLossLineForOtherTests() {
        final CliTest.Result r = CliTest.run("--loopback", "-t", "1", "--loss", "--rate", "10M", "tcp_bw");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).matches("tcp_bw:\n    bw  = +[0-9.]+ [KMG]?B/sec\n");
    }

    @Test
    void shouldPrintTheFoundRateWithinTheBudget() {
        final long t0 = System.nanoTime();
        final CliTest.Result r =
                CliTest.run("--loopback", "-t", "1", "--find-rate", "--find-time", "4", "--max-loss", "5", "udp_bw");
        final double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .startsWith("udp_bw:\n    found_rate   =  ")
                .contains("\n    max_loss     =  ")
                .contains("\n    probes       =  ")
                .contains("\n    search_time  =  ");
        assertThat(seconds)
                .as("wall time of a 4 s search, server start included")
                .isLessThan(12);
    }
}
