package io.github.jqperf.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static Options parse(final String... args) {
        return Options.parse(List.of(args), Path.of("."));
    }

    @Test
    void defaults() {
        final Options o = parse("--scenarios");
        assertThat(o.rounds()).isEqualTo(3);
        assertThat(o.seconds()).isEqualTo(2);
        assertThat(o.sweep()).isTrue();
        assertThat(o.mode()).isEqualTo("vxlan");
        assertThat(o.podman()).isTrue();
        assertThat(o.scenarios()).isEqualTo(Scenario.ALL);
        assertThat(o.prefix()).isEqualTo("jqsc");
    }

    @Test
    void quickIsOneRoundOneSecondNoSweep() {
        final Options o = parse("--quick", "--out", "d", "--mode", "host-gw", "--no-podman");
        assertThat(o.rounds()).isEqualTo(1);
        assertThat(o.seconds()).isEqualTo(1);
        assertThat(o.sweep()).isFalse();
        assertThat(o.out()).isEqualTo(Path.of("d"));
        assertThat(o.mode()).isEqualTo("host-gw");
        assertThat(o.podman()).isFalse();
    }

    @Test
    void badInputIsOneLine() {
        assertThatThrownBy(() -> parse("--rounds", "0")).hasMessage("--rounds 0: a whole number from 1 to 100");
        assertThatThrownBy(() -> parse("--mode", "flat")).hasMessage("--mode flat: use vxlan or host-gw");
        assertThatThrownBy(() -> parse("--out")).hasMessage("--out needs a value");
        assertThatThrownBy(() -> parse("--quick", "--rounds", "3")).hasMessageContaining("one round");
        assertThatThrownBy(() -> parse("--scenario", "x")).hasMessageStartingWith("--scenario x: unknown");
        assertThatThrownBy(() -> parse("somehost")).hasMessageStartingWith("unknown argument somehost");
    }

    @Test
    void scenariosKeepTheOverlaysNames() {
        assertThat(Scenario.ALL)
                .extracting(Scenario::overlay)
                .containsExactly(
                        "1-pod-to-pod-same-node",
                        "2-pod-to-pod-cross-node",
                        "3-node-to-node",
                        "4-pod-to-own-node",
                        "5-pod-to-other-node");
        assertThat(Scenario.ALL).allMatch(s -> s.overlay().endsWith(s.name()));
        assertThat(Scenario.named("pod-to-own-node").orElseThrow().target()).isEqualTo("10.244.1.1");
    }
}
