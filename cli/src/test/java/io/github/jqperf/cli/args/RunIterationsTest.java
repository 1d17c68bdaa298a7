package io.github.jqperf.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each test run knows which of the runs its test word expanded to it is (i of n), for JSON, CSV and progress. */
class RunIterationsTest {
    private static List<String> iterations(final String... args) {
        return QperfCommandLine.parse(args).tests().stream()
                .map(t -> t.testName() + " " + t.iteration() + "/" + t.iterations())
                .toList();
    }

    @Test
    void shouldNumberTheRunsOfEachTestWord() {
        assertThat(iterations("h", "tcp_bw", "tcp_bw")).containsExactly("tcp_bw 1/1", "tcp_bw 1/1");
        assertThat(iterations("h", "-oo", "msg_size:1:4:*2", "tcp_lat", "udp_lat"))
                .containsExactly(
                        "tcp_lat 1/3", "tcp_lat 2/3", "tcp_lat 3/3", "udp_lat 1/3", "udp_lat 2/3", "udp_lat 3/3");
        assertThat(iterations("h", "-oo", "msg_size:1:2:*2", "-oo", "time:1:3:1", "tcp_lat"))
                .hasSize(6)
                .startsWith("tcp_lat 1/6")
                .endsWith("tcp_lat 6/6");
        assertThat(iterations("h", "conf", "-oo", "msg_size:1:2:*2", "conf"))
                .containsExactly("conf 1/1", "conf 1/2", "conf 2/2");
    }

    @Test
    void shouldRejectAnIterationOutOfRange() {
        final Step.RunTest t = QperfCommandLine.parse("h", "tcp_bw").tests().get(0);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> t.withIteration(2, 1));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> t.withIteration(0, 1));
    }
}
