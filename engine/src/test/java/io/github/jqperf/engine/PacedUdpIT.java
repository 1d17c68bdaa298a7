package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.report.ExtraLine;
import io.github.jqperf.engine.report.OutputOptions;
import io.github.jqperf.engine.report.QperfTextFormat;
import io.github.jqperf.engine.result.RateSearchResult;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.result.SendRecvBandwidthResult;
import io.github.jqperf.engine.spec.MeasureOptions;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import io.github.jqperf.engine.usage.ProcessUsageReader;
import io.github.jqperf.engine.usage.UsageSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * issue 10 §3 on loopback: {@code --rate 200M udp_bw} against the real qperf server sends 25 MB/s ± 5 % on less than a
 * third of a CPU (this JVM's process CPU over the run), {@code --loss} prints its line, and {@code --find-rate}
 * against a jqperf server ends within its budget with a rate. On a machine busier than 2 runnable threads per CPU the
 * rate and CPU check is skipped with the figures measured, not failed: the scheduler, not the pacer, decides then.
 */
@Timeout(180)
class PacedUdpIT {
    private static final long RATE = 200_000_000;
    private static final double TARGET_BYTES_PER_SEC = RATE / 8.0;
    private static final double MAX_LOAD_PER_CPU = 2;
    private static final int ATTEMPTS = 3;

    private static ParamSet udpBw(final long seconds) {
        return TestKind.UDP_BW.withDefaults(new ParamSet().set(Param.TIME, seconds, "-t"));
    }

    /** The 1-minute load average per CPU (0 where /proc/loadavg cannot be read). */
    private static double loadPerCpu() {
        try {
            final String avg = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            return Double.parseDouble(avg) / Runtime.getRuntime().availableProcessors();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Test
    void rate200MShouldSend25MBpsWithinFivePercentOnLessThanAThirdOfACpuToStockServer() throws Exception {
        checkRate(DataPathMode.BLOCK);
    }

    @Test
    void rate200MShouldHoldInEventLoopModeToo() throws Exception {
        checkRate(DataPathMode.EPOLL);
    }

    private static void checkRate(final DataPathMode mode) throws Exception {
        QperfBinary.require();
        final MeasureOptions paced = MeasureOptions.NONE.withRateBitsPerSec(RATE);
        final ProcessUsageReader process = new ProcessUsageReader();
        final List<String> attempts = new ArrayList<>();
        double maxLoad = loadPerCpu();
        try (QperfBinary.Server stock = new QperfBinary.Server(QperfBinary.freePort());
                QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1")
                        .withListenPort(stock.port())
                        .withPollMode(mode))) {
            warmUp(c, paced);
            for (int i = 0; i < ATTEMPTS; i++) {
                final UsageSnapshot before = process.read();
                final long t0 = System.nanoTime();
                final Measurement m;
                try {
                    m = c.measure(TestKind.UDP_BW, udpBw(5), paced);
                } catch (QperfException e) { // e.g. the stock server's 5 s sync timeout on a machine this busy
                    attempts.add("failed: " + e.getMessage() + ", load " + loadPerCpu() + " per CPU");
                    maxLoad = Math.max(maxLoad, loadPerCpu());
                    continue;
                }
                final long elapsed = System.nanoTime() - t0;
                final UsageSnapshot after = process.read();
                maxLoad = Math.max(maxLoad, loadPerCpu());
                final SendRecvBandwidthResult r = (SendRecvBandwidthResult)
                        Result.of(TestSpec.of(TestKind.UDP_BW, m.params()), m.local(), m.remote(), m.observed());
                final double ratio = r.sendBandwidthBytesPerSecond() / TARGET_BYTES_PER_SEC;
                final double cpus = (after.cpuNs() - before.cpuNs()) / (double) elapsed;
                attempts.add(String.format(
                        Locale.ROOT,
                        "send %.2f MB/s (%.3f of target), recv %.2f MB/s, loss %.3f %%, process CPU %.3f CPUs over"
                                + " %.2f s, load %.1f per CPU",
                        r.sendBandwidthBytesPerSecond() / 1e6,
                        ratio,
                        r.recvBandwidthBytesPerSecond() / 1e6,
                        r.lossFraction().orElse(Double.NaN) * 100,
                        cpus,
                        elapsed / 1e9,
                        maxLoad));
                assertThat(r.localStat().s().msgs()).isPositive();
                if (Math.abs(ratio - 1) <= 0.05 && cpus < 1.0 / 3) {
                    System.out.println("paced udp_bw to stock server (" + mode + "): " + attempts);
                    return;
                }
            }
        }
        assumeTrue(
                maxLoad <= MAX_LOAD_PER_CPU,
                () -> "skipped, machine overloaded (load > " + MAX_LOAD_PER_CPU + " per CPU): " + attempts);
        fail(mode + ": --rate 200M udp_bw missed 25 MB/s ± 5 % or a third of a CPU in " + ATTEMPTS + " runs: "
                + attempts);
    }

    /**
     * A first run (JIT, OSHI, the event loop); on a busy machine OSHI's start can outlast the stock server's 5 s
     * wait for the synchronization, so it is tried up to three times.
     */
    private static void warmUp(final QperfClient c, final MeasureOptions options) {
        for (int i = 0; ; i++) {
            try {
                c.measure(TestKind.UDP_BW, udpBw(1), options);
                return;
            } catch (QperfException e) {
                if (i == 2) {
                    throw e;
                }
            }
        }
    }

    @Test
    void lossLineShouldFollowTheUdpBwLinesWhenAskedFor() throws Exception {
        QperfBinary.require();
        try (QperfBinary.Server stock = new QperfBinary.Server(QperfBinary.freePort());
                QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1").withListenPort(stock.port()))) {
            warmUp(c, MeasureOptions.NONE);
            final Measurement m = c.measure(TestKind.UDP_BW, udpBw(1), MeasureOptions.NONE.withRateBitsPerSec(RATE));
            final Result r = Result.of(TestSpec.of(TestKind.UDP_BW, m.params()), m.local(), m.remote(), m.observed());
            final List<String> plain = QperfTextFormat.formatResult(r, OutputOptions.DEFAULT);
            final List<String> withLoss =
                    QperfTextFormat.formatResult(r, OutputOptions.DEFAULT, Set.of(ExtraLine.LOSS));
            System.out.println("udp_bw --rate 200M --loss to stock server:\n" + String.join("\n", withLoss));
            assertThat(plain).noneMatch(l -> l.contains("loss"));
            assertThat(withLoss).hasSize(plain.size() + 1);
            assertThat(withLoss.get(withLoss.size() - 1)).matches("    loss     =  +[0-9.]+ %");
            final double loss = ((SendRecvBandwidthResult) r).lossFraction().getAsDouble();
            assertThat(loss).isBetween(0.0, 1.0);
        }
    }

    @Test
    void findRateShouldEndWithinItsBudgetWithARateAgainstJqperfServer() {
        final long budget = TimeUnit.SECONDS.toNanos(10);
        try (QperfServer server = QperfServer.start(ServerConfig.defaults().withListenPort(0));
                QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1").withListenPort(server.port()))) {
            final long t0 = System.nanoTime();
            // 1 %, not the default 0.1 %: with 1 s probes, the datagrams of the client's last milliseconds after the
            // server's run ended (the two runs' skew, a few ms on a busy machine) already count as 0.1 to 0.5 % loss
            final RateSearchResult r = c.findRate(udpBw(1), MeasureOptions.NONE, 0.01, budget);
            final long wall = System.nanoTime() - t0;
            System.out.println("find-rate against jqperf server on loopback:\n"
                    + String.join("\n", QperfTextFormat.formatRateSearch(r, OutputOptions.DEFAULT)));
            // a probe starts only when the longest so far still fits: over only by a probe slower than all before
            assertThat(wall).as("wall time").isLessThanOrEqualTo(budget + TimeUnit.SECONDS.toNanos(3));
            assertThat(r.elapsedNanos()).isLessThanOrEqualTo(wall);
            assertThat(r.probes().get(0).rateBitsPerSec()).isZero();
            assertThat(r.rateBitsPerSec()).isPositive();
            assertThat(r.lossFraction().getAsDouble()).isLessThanOrEqualTo(0.01);
        }
    }
}
