package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.result.TestResult;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import io.github.jqperf.engine.wire.WireConstants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jqperf client against jqperf server on 127.0.0.1: every test completes and its counts are consistent. Written
 * once, run over each Netty transport and data-path mode by a few-line subclass (Netty's testsuite pattern).
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractLoopbackSuite {
    private QperfServer server;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** Whether this run may use native epoll. */
    protected abstract boolean epoll();

    /** How the data path waits for I/O (both sides). */
    protected DataPathMode pollMode() {
        return DataPathMode.BLOCK;
    }

    @BeforeAll
    void startServer() {
        server = QperfServer.start(ServerConfig.defaults()
                .withListenPort(0)
                .withAllowEpoll(epoll())
                .withPollMode(pollMode())
                .withLog(log::add));
        assertThat(server.isEpoll()).isEqualTo(epoll() && io.netty.channel.epoll.Epoll.isAvailable());
    }

    @AfterAll
    void stopServer() {
        server.close();
        assertThat(log).as("server log").isEmpty();
    }

    private ClientConfig client() {
        return ClientConfig.of("127.0.0.1")
                .withListenPort(server.port())
                .withWaitServerSec(0)
                .withAllowEpoll(epoll())
                .withPollMode(pollMode());
    }

    @Test
    void shouldRunATypedSpecThroughTheLibraryApi() {
        final TestSpec spec = TestSpec.builder(TestKind.TCP_BW)
                .timeSeconds(1)
                .msgSizeBytes(4096)
                .build();
        try (QperfClient c = new QperfClient(client())) {
            final Result typed = c.run(spec);
            assertThat(typed.spec().kind()).isEqualTo(TestKind.TCP_BW);
            assertThat(typed.spec().params().local(Param.MSG_SIZE)).isEqualTo(4096);
            // qperf's figures for the same spec (TestResult: the formulas the text output prints from)
            final Measurement m = c.measure(spec.kind(), spec.params());
            final TestResult r = TestResult.of(m.kind(), m.local(), m.remote());
            assertThat(r.recvBwBytesPerSec()).isPositive();
            assertThat(r.remote().r().bytes() % 4096).isZero();
            assertThat(r.msgRatePerSec()).isPositive();
        }
    }

    @Test
    void shouldAnswerConfWithThisMachinesValues() {
        try (QperfClient c = new QperfClient(client())) {
            final Conf conf = c.conf(TestKind.CONF.withDefaults(new ParamSet()));
            assertThat(conf.qperf()).isEqualTo(WireConstants.VERSION_STRING);
            assertThat(conf.os()).startsWith("Linux ");
            assertThat(conf.node()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = TestKind.class,
            names = {"TCP_BW", "TCP_LAT", "UDP_BW", "UDP_LAT"})
    void shouldRunEachMeasurementForOneSecond(final TestKind kind) {
        final ParamSet p = kind.withDefaults(new ParamSet().set(Param.TIME, 1, "-t"));
        try (QperfClient c = new QperfClient(client())) {
            final Measurement m = c.measure(kind, p);
            final long ticks = m.remote().timeEnd(0) - m.remote().timeStart(0);
            assertThat(ticks).as("server real-time ticks").isBetween(95L, 130L);
            assertThat(m.local().timeEnd(0) - m.local().timeStart(0)).isBetween(95L, 130L);
            if (kind.isBandwidth()) {
                assertThat(m.local().s().msgs()).isPositive();
                // as in qperf, a write that completes after the sender's deadline is not counted by the sender, but
                // its message may still reach the receiver before the receiver's own deadline: at most one more
                assertThat(m.remote().r().msgs())
                        .isPositive()
                        .isLessThanOrEqualTo(m.local().s().msgs() + 1);
                assertThat(m.remote().r().bytes()).isEqualTo(m.remote().r().msgs() * p.remote(Param.MSG_SIZE));
                assertThat(m.remote().s().msgs()).isZero();
            } else {
                assertThat(m.local().r().msgs()).isPositive();
                assertThat(Math.abs(m.local().s().msgs() - m.remote().r().msgs()))
                        .isLessThanOrEqualTo(1);
                assertThat(Math.abs(m.remote().s().msgs() - m.local().r().msgs()))
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    /**
     * An IPv6 client (control and data over ::1): the server's data socket is then the dual-stack wildcard one, the
     * client's an IPv6 socket; an IPv4 client (every other test here) gets IPv4 sockets on both sides.
     */
    @ParameterizedTest
    @EnumSource(
            value = TestKind.class,
            names = {"TCP_BW", "UDP_LAT"})
    void shouldRunOverIpv6Loopback(final TestKind kind) throws Exception {
        boolean ipv6 = false;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("::1"))) {
            ipv6 = probe.getLocalPort() > 0; // not the server itself: a probe there would show in its log
        } catch (java.io.IOException e) {
            // no IPv6 loopback here
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(ipv6, "IPv6 loopback (::1) not reachable on this host");
        final ParamSet p = kind.withDefaults(new ParamSet().set(Param.TIME, 1, "-t"));
        try (QperfClient c = new QperfClient(ClientConfig.of("::1")
                .withListenPort(server.port())
                .withWaitServerSec(0)
                .withAllowEpoll(epoll())
                .withPollMode(pollMode()))) {
            final Measurement m = c.measure(kind, p);
            assertThat(
                            kind.isBandwidth()
                                    ? m.remote().r().msgs()
                                    : m.local().r().msgs())
                    .isPositive();
        }
    }

    /** A tcp_lat message bigger than one receive call (1 MiB): read in pieces, echoed whole, counted once. */
    @Test
    void shouldPingPongMessagesBiggerThanOneRead() {
        final int size = 3 * 1024 * 1024 + 7;
        final ParamSet p = TestKind.TCP_LAT.withDefaults(
                new ParamSet().set(Param.TIME, 1, "-t").set(Param.MSG_SIZE, size, "-m"));
        try (QperfClient c = new QperfClient(client())) {
            final Measurement m = c.measure(TestKind.TCP_LAT, p);
            assertThat(m.local().r().msgs()).isPositive();
            assertThat(m.local().r().bytes()).isEqualTo(m.local().r().msgs() * size);
            assertThat(m.remote().r().bytes()).isEqualTo(m.remote().r().msgs() * size);
        }
    }
}
