package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Datagrams the kernel refuses (bigger than a UDP payload can be: {@code EMSGSIZE} on every send over IPv4
 * loopback): as qperf, the client counts each failed send and keeps trying for the whole test time; udp_lat does
 * not wait for a reply to a datagram that never left.
 */
@Timeout(60)
class UdpSendErrorIT {
    static Stream<Arguments> cases() {
        return Stream.of(DataPathMode.BLOCK, DataPathMode.EPOLL)
                .flatMap(mode -> Stream.of(
                        Arguments.of(mode, TestKind.UDP_BW, 65_508), Arguments.of(mode, TestKind.UDP_LAT, 65_536)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void shouldCountEveryFailedSendForTheWholeTime(final DataPathMode mode, final TestKind kind, final int size) {
        try (QperfServer server =
                QperfServer.start(ServerConfig.defaults().withListenPort(0).withPollMode(mode))) {
            final ParamSet p =
                    kind.withDefaults(new ParamSet().set(Param.TIME, 1, "-t").set(Param.MSG_SIZE, size, "-m"));
            try (QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1")
                    .withListenPort(server.port())
                    .withWaitServerSec(0)
                    .withPollMode(mode))) {
                final long t0 = System.nanoTime();
                final Measurement m = c.measure(kind, p);
                final long tookMs = (System.nanoTime() - t0) / 1_000_000;
                assertThat(m.local().timeEnd(0) - m.local().timeStart(0))
                        .as("client ran its time")
                        .isBetween(95L, 130L);
                assertThat(m.remote().timeEnd(0) - m.remote().timeStart(0))
                        .as("server ran its time")
                        .isBetween(95L, 130L);
                assertThat(m.local().s().msgs()).isZero();
                assertThat(m.local().s().errs())
                        .as("every try counted, not just the first")
                        .isGreaterThan(100);
                assertThat(m.remote().r().msgs()).isZero();
                assertThat(tookMs).as("no hang").isLessThan(10_000);
            }
        }
    }
}
