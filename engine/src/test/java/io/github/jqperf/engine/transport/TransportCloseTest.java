package io.github.jqperf.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.spec.TestKind;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Transport#close()} ends a run in progress (blocked in the kernel or on the event loop), returns within a
 * second, and leaves none of the transport's threads (event loop, alarm) alive; the data listener binds the
 * configured address.
 */
@Timeout(30)
class TransportCloseTest {
    private static final CpuSampler NO_CPU = times -> times[0] = CpuSampler.realTicks();

    static Stream<Arguments> runs() {
        return Stream.of(PollMode.BLOCK, PollMode.EPOLL)
                .flatMap(mode -> Stream.of(TestKind.TCP_BW, TestKind.TCP_LAT, TestKind.UDP_BW, TestKind.UDP_LAT)
                        .map(kind -> Arguments.of(mode, kind)));
    }

    private static List<String> alive(final String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .collect(Collectors.toList());
    }

    @ParameterizedTest
    @MethodSource("runs")
    void shouldEndARunningTestAndStopEveryThreadWithinOneSecond(final PollMode mode, final TestKind kind)
            throws Exception {
        final String name = "close-" + mode + "-" + kind;
        final InetAddress lo = InetAddress.getByName("127.0.0.1");
        final Transport server = Transport.create(name + "-srv", true, mode);
        final Transport client = Transport.create(name + "-cli", true, mode);
        final int size = kind.isBandwidth() ? 8192 : 1;
        // the server runs endlessly (time 0) and the client for a minute: only close() can end them now
        final DataRole receiver = DataChannels.serverRole(kind, size, 0, false, NO_CPU);
        final DataRole sender = DataChannels.clientRole(kind, size, 60, NO_CPU);
        final DataChannels.Listening l = DataChannels.listen(server, kind, 0, 0, size, receiver, lo, lo);
        final Channel c = DataChannels.connect(client, kind, new InetAddress[] {lo}, l.port(), size, sender, 5000);
        final Channel s = l.awaitChannel(5000);
        receiver.start(s, server);
        sender.start(c, client);
        // wait until data flows (the first run in a JVM loads JNA and compiles: that may take a while here)
        final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sender.session().sentSoFar().msgs() < 10 && System.nanoTime() - until < 0) {
            Thread.sleep(20);
        }
        Thread.sleep(100);
        assertThat(alive(name)).as("threads while running").isNotEmpty();
        assertThat(receiver.result()).isNotDone();

        final long t0 = System.nanoTime();
        client.close();
        final long clientMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        final long t1 = System.nanoTime();
        server.close();
        final long serverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
        assertThat(clientMs).as("client transport close").isLessThan(1000);
        assertThat(serverMs).as("server transport close").isLessThan(1000);
        assertThat(alive(name)).as("threads after close").isEmpty();
        final Stat sent = sender.result().get(1, TimeUnit.SECONDS);
        final Stat received = receiver.result().get(1, TimeUnit.SECONDS);
        assertThat(sent.s().msgs())
                .as("counted until the close: %s / %s", sent, received)
                .isPositive();
        if (!kind.isUdp()) {
            assertThat(received.r().msgs()).isPositive();
        }
        l.close();
    }

    @Test
    void shouldStopAnIdleTransportWithItsAlarmThread() throws Exception {
        final Transport t = Transport.create("close-idle", true, PollMode.BLOCK);
        t.group().submit(() -> {}).get(5, TimeUnit.SECONDS);
        t.alarm(() -> {}, 1).get(5, TimeUnit.SECONDS); // starts the alarm thread
        assertThat(alive("close-idle")).hasSize(2);
        final long t0 = System.nanoTime();
        t.close();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
        assertThat(alive("close-idle")).isEmpty();
        t.close(); // idempotent
    }

    @Test
    void shouldBindTheDataListenerToTheConfiguredAddress() throws Exception {
        try (Transport t = Transport.create("bind-test", true, PollMode.BLOCK)) {
            final InetAddress lo = InetAddress.getByName("127.0.0.1");
            for (final TestKind kind : List.of(TestKind.TCP_BW, TestKind.UDP_BW)) {
                final DataRole role = DataChannels.serverRole(kind, 1, 1, false, NO_CPU);
                try (DataChannels.Listening l = DataChannels.listen(t, kind, 0, 0, 1, role, null, lo)) {
                    assertThat(((InetSocketAddress) l.localAddress()).getAddress())
                            .as(kind.name())
                            .isEqualTo(lo);
                }
                final DataRole wild = DataChannels.serverRole(kind, 1, 1, false, NO_CPU);
                try (DataChannels.Listening l = DataChannels.listen(t, kind, 0, 0, 1, wild, null, null)) {
                    assertThat(((InetSocketAddress) l.localAddress())
                                    .getAddress()
                                    .isAnyLocalAddress())
                            .as("null: the wildcard, as before")
                            .isTrue();
                }
            }
        }
    }
}
