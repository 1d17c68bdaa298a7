package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.kind.TestKind;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.Requests;
import io.github.jqperf.engine.wire.Conf;
import io.github.jqperf.engine.wire.WireConstants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** jqperf client against jqperf server on 127.0.0.1: every test completes and its counts are consistent. */
@Timeout(60)
class LoopbackIT {
    private static QperfServer server;
    private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startServer() {
        server = QperfServer.start(ServerConfig.defaults().withListenPort(0).withLog(LOG::add));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static ClientConfig client() {
        return ClientConfig.of("127.0.0.1").withListenPort(server.port()).withWaitServerSec(0);
    }

    @Test
    void shouldAnswerConfWithThisMachinesValues() {
        try (QperfClient c = new QperfClient(client())) {
            final Conf conf = c.conf(Requests.withDefaults(TestKind.CONF, new ParamSet()));
            assertThat(conf.qperf()).isEqualTo(WireConstants.VERSION_STRING);
            assertThat(conf.os()).startsWith("Linux ");
            assertThat(conf.node()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestKind.class, names = {"TCP_BW", "TCP_LAT", "UDP_BW", "UDP_LAT"})
    void shouldRunEachMeasurementForOneSecond(final TestKind kind) {
        final ParamSet p = Requests.withDefaults(kind, new ParamSet().set(Param.TIME, 1, "-t"));
        try (QperfClient c = new QperfClient(client())) {
            final Measurement m = c.measure(kind, p);
            final long ticks = m.remote().timeEnd(0) - m.remote().timeStart(0);
            assertThat(ticks).as("server real-time ticks").isBetween(95L, 130L);
            assertThat(m.local().timeEnd(0) - m.local().timeStart(0)).isBetween(95L, 130L);
            if (kind.isBandwidth()) {
                assertThat(m.local().s().msgs()).isPositive();
                assertThat(m.remote().r().msgs()).isPositive().isLessThanOrEqualTo(m.local().s().msgs());
                assertThat(m.remote().r().bytes()).isEqualTo(m.remote().r().msgs() * p.remote(Param.MSG_SIZE));
                assertThat(m.remote().s().msgs()).isZero();
            } else {
                assertThat(m.local().r().msgs()).isPositive();
                assertThat(Math.abs(m.local().s().msgs() - m.remote().r().msgs())).isLessThanOrEqualTo(1);
                assertThat(Math.abs(m.remote().s().msgs() - m.local().r().msgs())).isLessThanOrEqualTo(1);
            }
        }
    }
}
