package io.github.jqperf.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A client's REQ timeout bounds the server's waits only up to the server's own cap. */
class PhaseDeadlineTest {
    @Test
    void shouldCapEveryPhaseWhateverTheRequestAsks() {
        assertThat(ServerExchange.phaseMs(5)).isEqualTo(5_000);
        assertThat(ServerExchange.phaseMs(1)).isEqualTo(1_000);
        assertThat(ServerExchange.phaseMs(0))
                .as("0 = no deadline in qperf")
                .isEqualTo(ServerExchange.MAX_PHASE_SEC * 1000);
        assertThat(ServerExchange.phaseMs(0xFFFF_FFFFL)).isEqualTo(ServerExchange.MAX_PHASE_SEC * 1000);
        assertThat(ServerExchange.phaseMs(ServerExchange.MAX_PHASE_SEC)).isEqualTo(ServerExchange.MAX_PHASE_SEC * 1000);
    }
}
