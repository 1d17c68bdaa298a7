package io.github.jqperf.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.result.Stat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** OSHI's system ticks, converted back to USER_HZ, agree with the "cpu" line of /proc/stat that qperf reads. */
class OshiCpuSamplerTest {
    private static long[] procStat() throws Exception {
        final String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
        final String[] f = line.trim().split("\\s+");
        assertThat(f[0]).isEqualTo("cpu");
        final long[] v = new long[8];
        for (int i = 0; i < 8; i++) {
            v[i] = Long.parseLong(f[i + 1]);
        }
        return v;
    }

    @Test
    void shouldMatchProcStatInTicks() throws Exception {
        final OshiCpuSampler sampler = new OshiCpuSampler();
        final long[] before = procStat();
        final long[] snap = new long[Stat.TIMES];
        sampler.sample(snap);
        final long[] after = procStat();
        // /proc/stat order: user nice system idle iowait irq softirq steal = Stat indices 1..8
        for (int i = 0; i < 8; i++) {
            assertThat(snap[i + 1]).as("tick field %d", i).isBetween(before[i], after[i]);
        }
        assertThat(snap[Stat.T_REAL]).isPositive();
    }

    /**
     * Every snapshot is read afresh: OSHI's {@code CentralProcessor.getSystemCpuLoadTicks()} memoizes for 300 ms, and
     * a second snapshot 120 ms after the first returned the first one's ticks (cpus_used above 100 % per CPU).
     */
    @Test
    void shouldReadAFreshSnapshotEachTime() throws Exception {
        final OshiCpuSampler sampler = new OshiCpuSampler();
        final long[] first = new long[Stat.TIMES];
        sampler.sample(first);
        Thread.sleep(120); // every CPU's ticks (idle included) advance: about 12 per CPU
        final long[] before = procStat();
        final long[] second = new long[Stat.TIMES];
        sampler.sample(second);
        final long[] after = procStat();
        long sumBefore = 0;
        long sumSecond = 0;
        long sumAfter = 0;
        for (int i = 0; i < 8; i++) {
            sumBefore += before[i];
            sumSecond += second[i + 1];
            sumAfter += after[i];
        }
        assertThat(sumSecond).as("second snapshot's tick sum").isBetween(sumBefore, sumAfter);
        assertThat(sumSecond).as("ticks advanced since the first snapshot").isGreaterThan(sumOf(first));
    }

    private static long sumOf(final long[] snap) {
        long s = 0;
        for (int i = 1; i <= 8; i++) {
            s += snap[i];
        }
        return s;
    }

    @Test
    void shouldCountRealTimeInHundredthsOfASecond() throws Exception {
        final long n0 = System.nanoTime();
        final long t0 = CpuSampler.realTicks();
        Thread.sleep(200);
        final long t1 = CpuSampler.realTicks();
        final long n1 = System.nanoTime();
        // no time is asserted: only that the counter advances by elapsed/10 ms, whatever the machine's load
        assertThat(t1 - t0).isBetween(19L, (n1 - n0) / 10_000_000L + 1);
    }
}
