package io.github.jqperf.engine.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.testutil.StatBuilder;
import org.junit.jupiter.api.Test;

/** qperf's calc_node (docs/protocol.md §6.2). */
class NodeResultTest {
    @Test
    void fakeStatValues() {
        final NodeResult n = NodeResult.of(StatBuilder.node()
                .real(200)
                .user(37)
                .nice(3)
                .system(61)
                .idle(250)
                .iowait(1)
                .irq(2)
                .softirq(9)
                .steal(1)
                .build());
        assertThat(n.realTimeSeconds()).isEqualTo(2.0);
        assertThat(n.cpusUser()).isEqualTo(40 / 200.0);
        assertThat(n.cpusIntr()).isEqualTo(11 / 200.0);
        assertThat(n.cpusKernel()).isEqualTo(62 / 200.0);
        assertThat(n.cpusIowait()).isEqualTo(1 / 200.0);
        assertThat(n.cpusIdle()).isEqualTo(250 / 200.0);
        assertThat(n.cpusUsed()).isEqualTo(40 / 200.0 + 11 / 200.0 + 62 / 200.0 + 1 / 200.0);
        // 114 busy ticks (idle excluded, iowait included), divided in single precision
        assertThat(n.cpuTimeSeconds()).isEqualTo((double) (114f / 100f)).isEqualTo(1.1399999856948853);
        assertThat(n.cpuTimeSeconds() * 1e9).isBetween(1_139_999_985.6, 1_139_999_985.8);
    }

    @Test
    void cpuTimeFloatQuirk53Ticks() {
        final NodeResult n =
                NodeResult.of(StatBuilder.node().real(100).system(53).build());
        assertThat(n.cpuTimeSeconds()).isEqualTo((double) (53f / 100f));
        assertThat(n.cpuTimeSeconds()).isNotEqualTo(0.53);
    }

    @Test
    void zeroRealTimeOrTicksGivesZero() {
        assertThat(NodeResult.of(StatBuilder.node().real(0).user(50).build())).isEqualTo(NodeResult.ZERO);
        assertThat(NodeResult.of(StatBuilder.node().ticks(0).real(100).user(50).build()))
                .isEqualTo(NodeResult.ZERO);
    }

    @Test
    void otherTickRates() {
        final NodeResult n =
                NodeResult.of(StatBuilder.node().ticks(250).real(500).user(250).build());
        assertThat(n.realTimeSeconds()).isEqualTo(2.0);
        assertThat(n.cpuTimeSeconds()).isEqualTo(1.0);
        assertThat(n.cpusUser()).isEqualTo(0.5);
    }

    @Test
    void countersAreUnsigned64Bit() {
        final long[] start = new long[Stat.TIMES];
        final long[] end = new long[Stat.TIMES];
        start[Stat.T_REAL] = -50; // 2^64 - 50: the tick counter wraps during the test
        end[Stat.T_REAL] = 50;
        start[Stat.T_USER] = Long.MAX_VALUE - 9;
        end[Stat.T_USER] = Long.MIN_VALUE + 10; // +20 across the signed boundary
        final NodeResult n =
                NodeResult.of(new Stat(1, 100, 0, start, end, Ustat.ZERO, Ustat.ZERO, Ustat.ZERO, Ustat.ZERO));
        assertThat(n.realTimeSeconds()).isEqualTo(1.0);
        assertThat(n.cpusUser()).isEqualTo(0.2);
        assertThat(n.cpuTimeSeconds()).isEqualTo((double) (20f / 100f));
    }

    @Test
    void unsignedConversions() {
        assertThat(Unsigned.toDouble(-1L)).isEqualTo(18446744073709551615.0);
        assertThat(Unsigned.toDouble(Long.MIN_VALUE)).isEqualTo(9223372036854775808.0);
        assertThat(Unsigned.toFloat(-1L)).isEqualTo(18446744073709551615.0f);
        assertThat(Unsigned.toDouble(42)).isEqualTo(42.0);
    }
}
