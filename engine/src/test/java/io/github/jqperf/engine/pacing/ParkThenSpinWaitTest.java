package io.github.jqperf.engine.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link ParkThenSpinWait}'s split of a wait into a park and a spun end (no time is asserted). */
class ParkThenSpinWaitTest {
    @Test
    void shouldParkAllButTheSpinWindow() {
        final ParkThenSpinWait w = new ParkThenSpinWait(50_000);
        assertThat(w.parkNsFor(1_310_720)).isEqualTo(1_260_720);
        assertThat(w.parkNsFor(50_001)).isEqualTo(1);
        assertThat(w.parkNsFor(50_000)).as("within the window: spin").isZero();
        assertThat(w.parkNsFor(1)).isZero();
    }

    @Test
    void shouldAlwaysParkWithoutASpinWindow() {
        final ParkThenSpinWait w = new ParkThenSpinWait(0);
        assertThat(w.parkNsFor(1)).isEqualTo(1);
        assertThat(w.parkNsFor(56_000)).isEqualTo(56_000);
    }

    @Test
    void shouldReturnFromShortWaitsAndRejectANegativeWindow() {
        final ParkThenSpinWait w = new ParkThenSpinWait(50_000);
        w.idle(10); // spins once
        w.idle(50_010); // parks 10 ns
        assertThatThrownBy(() -> new ParkThenSpinWait(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
