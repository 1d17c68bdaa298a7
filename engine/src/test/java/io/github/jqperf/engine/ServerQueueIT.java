package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server's concurrency model (docs/operations.md): one test at a time, a bounded queue of waiting clients served
 * in order, refusals with a clear text instead of a client-side timeout, silent connections that do not hold the
 * line.
 */
@Timeout(60)
class ServerQueueIT {
    private QperfServer server;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private QperfServer start(final int queue) {
        server = QperfServer.start(ServerConfig.defaults()
                .withListenPort(0)
                .withRequestTimeoutSec(2)
                .withLog(log::add)
                .withLimits(new ServerConfig.Limits(0, 0, AllowList.ANY, queue)));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private QperfClient client() {
        return new QperfClient(
                ClientConfig.of("127.0.0.1").withListenPort(server.port()).withWaitServerSec(0));
    }

    private CompletableFuture<Measurement> runAsync(final TestKind kind, final long time, final long timeout) {
        return CompletableFuture.supplyAsync(() -> {
            try (QperfClient c = client()) {
                return c.measure(
                        kind, new ParamSet().set(Param.TIME, time, "-t").set(Param.TIMEOUT, timeout, "-to"));
            }
        });
    }

    private static void sleep(final long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    @Test
    void shouldServeAClientThatArrivesDuringATestAfterIt() throws Exception {
        start(8);
        final CompletableFuture<Measurement> first = runAsync(TestKind.TCP_BW, 2, 5);
        sleep(500);
        final CompletableFuture<Measurement> second = runAsync(TestKind.TCP_LAT, 1, 5);
        assertThat(first.get(20, TimeUnit.SECONDS).local().s().msgs()).isPositive();
        assertThat(second.get(20, TimeUnit.SECONDS).local().r().msgs()).isPositive();
    }

    @Test
    void shouldTellAWaitingClientBeforeItsTimeoutInsteadOfLettingItTimeOut() throws Exception {
        start(8);
        final CompletableFuture<Measurement> first = runAsync(TestKind.TCP_BW, 6, 5);
        sleep(500);
        final long t0 = System.nanoTime();
        try (QperfClient c = client()) {
            final ParamSet p = new ParamSet().set(Param.TIME, 1, "-t").set(Param.TIMEOUT, 3, "-to");
            assertThatThrownBy(() -> c.measure(TestKind.TCP_LAT, p))
                    .isInstanceOf(PeerException.class)
                    .hasMessage("server: " + QperfServer.BUSY_TIMED_OUT);
        }
        final long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(tookMs).as("told before its 3 s timeout").isLessThan(3000);
        assertThat(first.get(20, TimeUnit.SECONDS).local().s().msgs()).isPositive();
    }

    @Test
    void shouldRefuseBeyondTheQueueAtOnce() throws Exception {
        start(1);
        final CompletableFuture<Measurement> first = runAsync(TestKind.TCP_BW, 3, 5);
        sleep(500);
        final CompletableFuture<Measurement> second = runAsync(TestKind.TCP_LAT, 1, 5);
        sleep(300);
        final long t0 = System.nanoTime();
        try (QperfClient c = client()) {
            final ParamSet p = new ParamSet().set(Param.TIME, 1, "-t");
            assertThatThrownBy(() -> c.measure(TestKind.TCP_LAT, p))
                    .isInstanceOf(PeerException.class)
                    .hasMessage("server: server busy: 1 clients waiting; try later");
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).as("refused at once").isLessThan(2000);
        assertThat(first.get(20, TimeUnit.SECONDS).local().s().msgs()).isPositive();
        assertThat(second.get(20, TimeUnit.SECONDS).local().r().msgs()).isPositive();
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("server busy: 1 clients waiting"));
    }

    @Test
    void shouldNotLetSilentConnectionsHoldAValidClient() throws Exception {
        start(8);
        final List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                final Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                silent.add(s);
            }
            final long t0 = System.nanoTime();
            try (QperfClient c = client()) {
                final Measurement m = c.measure(TestKind.TCP_LAT, new ParamSet().set(Param.TIME, 1, "-t"));
                assertThat(m.local().r().msgs()).isPositive();
            }
            assertThat((System.nanoTime() - t0) / 1_000_000)
                    .as("served next to 50 silent connections")
                    .isLessThan(5000);
        } finally {
            for (final Socket s : silent) {
                closeQuietly(s);
            }
        }
    }

    @Test
    void shouldTellWaitingClientsWhenClosed() throws Exception {
        start(8);
        final CompletableFuture<Measurement> first = runAsync(TestKind.TCP_BW, 5, 5);
        sleep(500);
        final CompletableFuture<Measurement> second = runAsync(TestKind.TCP_LAT, 1, 5);
        sleep(300);
        server.close();
        for (final CompletableFuture<Measurement> f : List.of(first, second)) {
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(PeerException.class)
                    .hasMessageContaining("server: " + QperfServer.CLOSED);
        }
    }

    private static void closeQuietly(final Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // done
        }
    }
}
