package io.github.jqperf.examples;

import io.github.jqperf.engine.ClientConfig;
import io.github.jqperf.engine.QperfClient;
import io.github.jqperf.engine.QperfServer;
import io.github.jqperf.engine.RunHandle;
import io.github.jqperf.engine.ServerConfig;
import io.github.jqperf.engine.error.CancelledException;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.result.BandwidthResult;
import io.github.jqperf.engine.result.LatencyResult;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.spec.TestSpec;
import java.io.PrintStream;

/**
 * Embedding jqperf's engine: an in-process server on a free port, tcp_bw and tcp_lat with typed figures, the same
 * client code against a stock qperf server, a cancelled run, and a clean shutdown. docs/embedding.md shows this
 * file verbatim; the build compiles it and EmbeddingExampleIT runs it.
 *
 * <p>Usage: {@code EmbeddingExample [STOCK_HOST STOCK_PORT]} (a running {@code qperf} server, optional).
 */
public final class EmbeddingExample {
    private EmbeddingExample() {}

    public static void main(final String[] args) throws Exception {
        run(args.length >= 2 ? args[0] : null, args.length >= 2 ? Integer.parseInt(args[1]) : 0, System.out);
    }

    public static void run(final String stockHost, final int stockPort, final PrintStream out) throws Exception {
        final TestSpec bw = TestSpec.builder(TestKind.TCP_BW)
                .timeSeconds(1)
                .msgSizeBytes(64 * 1024)
                .build();
        final TestSpec lat = TestSpec.builder(TestKind.TCP_LAT)
                .timeSeconds(1)
                .msgSizeBytes(1)
                .build();

        // 1. An embedded server on a free port (port 0), bound to loopback only.
        try (QperfServer server = QperfServer.start(
                ServerConfig.defaults().withListenPort(0).withBindAddress(java.net.InetAddress.getLoopbackAddress()))) {
            try (QperfClient client =
                    new QperfClient(ClientConfig.of("127.0.0.1").withListenPort(server.port()))) {
                // 2. Typed results: a tcp_bw result has a bandwidth and costs, a tcp_lat result a latency.
                final BandwidthResult b = (BandwidthResult) client.run(bw);
                out.printf(
                        "embedded tcp_bw:  %.1f MB/s, send_cost %.3f s/GB, %d-byte messages%n",
                        b.bandwidthBytesPerSecond() / 1e6,
                        b.sendCostSecondsPerGB(),
                        b.spec().msgSizeBytes());
                final LatencyResult l = (LatencyResult) client.run(lat);
                out.printf("embedded tcp_lat: %.1f us%n", l.latencySeconds() * 1e6);

                // 3. An asynchronous run, cancelled: the server is told and serves the next client at once.
                final RunHandle handle = client.runAsync(
                        TestSpec.builder(TestKind.UDP_BW).timeSeconds(30).build());
                Thread.sleep(300);
                handle.cancel();
                try {
                    handle.join();
                } catch (CancelledException e) {
                    out.println("cancelled: " + e.getMessage());
                }
            }
        } // 4. close(): no thread the engine started is left

        // 5. The same client code against a stock qperf server.
        if (stockHost != null) {
            try (QperfClient client = new QperfClient(ClientConfig.of(stockHost).withListenPort(stockPort))) {
                final Result r = client.run(lat);
                if (r instanceof LatencyResult l) {
                    out.printf(
                            "stock tcp_lat:    %.1f us (server cpus used %.2f)%n",
                            l.latencySeconds() * 1e6, l.remoteCpusUsed());
                }
            } catch (QperfException e) {
                out.println("stock server: " + e.getMessage());
                throw e;
            }
        }
    }
}
