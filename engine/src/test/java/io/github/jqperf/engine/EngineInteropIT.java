package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine against the real qperf 0.4.11 binary, both directions: jqperf client → stock server, stock client →
 * jqperf server. Output layout is compared line by line (names only; numbers vary) with stock → stock.
 */
@Timeout(90)
class EngineInteropIT {
    @BeforeEach
    void needQperf() {
        QperfBinary.require();
    }

    private static ParamSet oneSecond(final TestKind kind) {
        return kind.withDefaults(new ParamSet().set(Param.TIME, 1, "-t"));
    }

    @Test
    void jqperfClientShouldRunEveryTestAgainstStockServer() throws Exception {
        try (QperfBinary.Server stock = new QperfBinary.Server(QperfBinary.freePort());
                QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1").withListenPort(stock.port()))) {
            final Conf conf = c.conf(TestKind.CONF.withDefaults(new ParamSet()));
            assertThat(conf.qperf()).isEqualTo("0.4.11");
            for (final TestKind kind : List.of(TestKind.TCP_BW, TestKind.TCP_LAT, TestKind.UDP_BW, TestKind.UDP_LAT)) {
                final Measurement m = c.measure(kind, oneSecond(kind));
                assertThat(m.remote().noTicks()).as(kind + " no_ticks").isEqualTo(100);
                assertThat(m.remote().timeEnd(0) - m.remote().timeStart(0))
                        .as(kind + " server ticks")
                        .isBetween(95L, 130L);
                if (kind.isBandwidth()) {
                    assertThat(m.remote().r().msgs())
                            .as(kind + " server received")
                            .isPositive();
                    // a write that completes after the deadline is not counted by its sender (qperf's rule) but
                    // may still be counted by the receiver
                    assertThat(m.remote().r().msgs())
                            .as(kind + " server received vs client sent")
                            .isLessThanOrEqualTo(m.local().s().msgs() + 1);
                } else {
                    assertThat(m.local().r().msgs()).as(kind + " round trips").isPositive();
                    assertThat(Math.abs(m.remote().r().msgs() - m.local().s().msgs()))
                            .isLessThanOrEqualTo(1);
                }
            }
            c.quit(new ParamSet());
            assertThat(stock.awaitExit(15, TimeUnit.SECONDS))
                    .as("stock server exits on quit")
                    .isTrue();
            assertThat(stock.exitValue())
                    .as("stock server exit code after quit")
                    .isZero();
        }
    }

    @Test
    void stockServerErrorShouldReachJqperfClient() throws Exception {
        final int busy = QperfBinary.freePort();
        try (QperfBinary.Server stock = new QperfBinary.Server(QperfBinary.freePort());
                java.net.ServerSocket taken = new java.net.ServerSocket(busy);
                QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1").withListenPort(stock.port()))) {
            final ParamSet p = oneSecond(TestKind.TCP_BW).set(Param.PORT, busy, "-ip");
            assertThatThrownBy(() -> c.measure(TestKind.TCP_BW, p))
                    .isInstanceOf(PeerException.class)
                    .satisfies(
                            e -> assertThat(((PeerException) e).peerMessage()).isIn("unable to make TCP socket", ""));
        }
    }

    /** Names of the result lines, e.g. "bw", "msg_rate": the layout without the numbers. */
    private static List<String> names(final List<String> lines) {
        return lines.stream()
                .map(l -> l.contains("=") ? l.substring(0, l.indexOf('=')).strip() : l.strip())
                .collect(Collectors.toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp_bw", "tcp_lat", "udp_bw", "udp_lat", "conf"})
    void stockClientShouldRunEveryTestAgainstJqperfServer(final String test) throws Exception {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (QperfServer ours = QperfServer.start(
                        ServerConfig.defaults().withListenPort(0).withLog(log::add));
                QperfBinary.Server stock = new QperfBinary.Server(QperfBinary.freePort())) {
            final QperfBinary.Run viaOurs =
                    QperfBinary.client(30, "127.0.0.1", "-lp", Integer.toString(ours.port()), "-t", "1", "-v", test);
            final QperfBinary.Run reference =
                    QperfBinary.client(30, "127.0.0.1", "-lp", Integer.toString(stock.port()), "-t", "1", "-v", test);
            assertThat(viaOurs.exitCode())
                    .as("stock client vs jqperf server: " + viaOurs)
                    .isZero();
            assertThat(reference.exitCode())
                    .as("stock client vs stock server: " + reference)
                    .isZero();
            assertThat(names(viaOurs.stdout())).isEqualTo(names(reference.stdout()));
            assertThat(viaOurs.stderr()).isEmpty();
        }
    }

    @Test
    void stockClientQuitShouldStopJqperfServer() throws Exception {
        final QperfServer ours = QperfServer.start(ServerConfig.defaults().withListenPort(0));
        try {
            final QperfBinary.Run run =
                    QperfBinary.client(15, "127.0.0.1", "-lp", Integer.toString(ours.port()), "quit");
            assertThat(run.exitCode()).isZero();
            assertThat(run.stdout()).containsExactly("quit:");
            assertThat(ours.awaitStop(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ours.quitRequested()).isTrue();
        } finally {
            ours.close();
        }
    }
}
