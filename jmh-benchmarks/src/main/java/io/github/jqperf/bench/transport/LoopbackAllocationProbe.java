package io.github.jqperf.bench.transport;

import io.github.jqperf.engine.ClientConfig;
import io.github.jqperf.engine.Measurement;
import io.github.jqperf.engine.QperfClient;
import io.github.jqperf.engine.QperfServer;
import io.github.jqperf.engine.ServerConfig;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Bytes allocated per message on the real event-loop threads, over real loopback sockets (native epoll): the
 * production counterpart of the JMH {@code -prof gc} numbers, which run on an in-memory channel. Runs the engine's
 * client and server in this JVM for each test, reads {@code ThreadMXBean.getThreadAllocatedBytes} of every
 * {@code jqperf-client-*} / {@code jqperf-server-*} thread at 1 s and at 2 s into a 3 s run, and divides by the
 * messages moved in that window (the run's message rate × 1 s). Start-up and tear-down fall outside the window.
 *
 * <p>{@code java -cp jmh-benchmarks/target/benchmarks.jar io.github.jqperf.bench.transport.LoopbackAllocationProbe}
 */
public final class LoopbackAllocationProbe {
    private LoopbackAllocationProbe() {}

    /** Entry point. */
    public static void main(final String[] args) throws Exception {
        final com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (QperfServer server = QperfServer.start(ServerConfig.defaults().withListenPort(0));
                QperfClient client =
                        new QperfClient(ClientConfig.of("127.0.0.1").withListenPort(server.port()))) {
            System.out.println("epoll: client " + client.isEpoll() + ", server " + server.isEpoll());
            final Object[][] cases = {
                {TestKind.TCP_BW, 65_536},
                {TestKind.UDP_BW, 32_768},
                {TestKind.UDP_BW, 1_024},
                {TestKind.TCP_LAT, 1},
                {TestKind.TCP_LAT, 16_384},
                {TestKind.UDP_LAT, 1}
            };
            for (int warm = 0; warm < 2; warm++) {
                for (final Object[] c : cases) {
                    final TestKind kind = (TestKind) c[0];
                    final int size = (Integer) c[1];
                    final ParamSet p = new ParamSet().set(Param.TIME, 3, "-t").set(Param.MSG_SIZE, size, "-m");
                    final CompletableFuture<Measurement> run =
                            CompletableFuture.supplyAsync(() -> client.measure(kind, p));
                    Thread.sleep(1000);
                    final Map<String, Long> a = allocated(mx);
                    Thread.sleep(1000);
                    final Map<String, Long> b = allocated(mx);
                    final Measurement m = run.get();
                    final double seconds = (m.local().timeEnd(0) - m.local().timeStart(0)) / 100.0;
                    final double sentPerSec = m.local().s().msgs() / seconds;
                    final double recvPerSec =
                            Math.max(m.remote().r().msgs(), m.local().r().msgs()) / seconds;
                    final double msgsInWindow = Math.max(sentPerSec, recvPerSec);
                    final StringBuilder line = new StringBuilder(String.format(
                            Locale.ROOT,
                            "%s%-8s %6d B: %9.0f msg/s;",
                            warm == 0 ? "(warm-up) " : "",
                            kind.qperfName(),
                            size,
                            msgsInWindow));
                    for (final var e : b.entrySet()) {
                        final long d = e.getValue() - a.getOrDefault(e.getKey(), 0L);
                        line.append(String.format(Locale.ROOT, " %s %.1f B/msg;", e.getKey(), d / msgsInWindow));
                    }
                    System.out.println(line);
                }
            }
        }
    }

    private static Map<String, Long> allocated(final com.sun.management.ThreadMXBean mx) {
        final Map<String, Long> m = new HashMap<>();
        for (final Thread t : Thread.getAllStackTraces().keySet()) {
            final String n = t.getName();
            if (n.startsWith("jqperf-client-") || n.startsWith("jqperf-server-") && !n.contains("accept")) {
                m.merge(
                        n.startsWith("jqperf-client") ? "client-loop" : "server-loop",
                        mx.getThreadAllocatedBytes(t.getId()),
                        Long::sum);
            }
        }
        return m;
    }
}
