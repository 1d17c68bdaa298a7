package io.github.jqperf.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.QperfBinary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs docs/embedding.md's example against its embedded server and a stock qperf server. */
@Timeout(60)
class EmbeddingExampleIT {
    @Test
    void shouldRunTheDocumentedExampleAgainstEmbeddedAndStockServers() throws Exception {
        QperfBinary.require();
        final Set<Thread> before = Thread.getAllStackTraces().keySet();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (QperfBinary.Server stock = new QperfBinary.Server(QperfBinary.freePort())) {
            EmbeddingExample.run("127.0.0.1", stock.port(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        final String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertThat(out)
                .containsPattern("embedded tcp_bw: +[0-9.]+ MB/s, send_cost [0-9.]+ s/GB, 65536-byte messages")
                .containsPattern("embedded tcp_lat: +[0-9.]+ us")
                .contains("cancelled: cancelled")
                .containsPattern("stock tcp_lat: +[0-9.]+ us");
        assertThat(out).doesNotContain("embedded tcp_lat: 0.0 us");
        // the example closed everything: no thread it started is left (Netty's global executor ends by itself)
        final long deadline = System.nanoTime() + 3_000_000_000L;
        Set<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .map(Thread::getName)
                    .filter(n -> n.startsWith("jqperf"))
                    .collect(Collectors.toSet());
            if (!left.isEmpty()) {
                Thread.sleep(50);
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertThat(left).isEmpty();
    }
}
