package io.github.jqperf.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.control.ControlChannel;
import io.github.jqperf.engine.result.ScopeUsage;
import io.github.jqperf.engine.result.UsageReport;
import io.github.jqperf.engine.wire.UsageExtensionCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Both halves of the usage extension (docs/protocol.md §13) over a loopback socket pair: every way the wait can end,
 * hostile peers on either side, bounded in time.
 */
@Timeout(30)
class UsageExtensionTest {
    private static final UsageReport REPORT = new UsageReport(
            List.of(new ScopeUsage("cgroup", 1, 0.5, 0.25, 0.25, 0.5, Double.NaN, 10, 3, 0.1, 0.5, 1000, 2000, -1)),
            List.of("cgroup v1"));

    private ServerSocket listener;
    private Socket near;
    private Socket far;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void pair() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        near = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        far = listener.accept();
    }

    @AfterEach
    void close() throws IOException {
        near.close();
        far.close();
        listener.close();
    }

    private ControlChannel server() throws IOException {
        return new ControlChannel(far, "client");
    }

    private ControlChannel client() throws IOException {
        return new ControlChannel(near, "server");
    }

    @Test
    void jqperfClientShouldGetTheServersReport() throws Exception {
        final ControlChannel s = server();
        final CompletableFuture<UsageExtension.ServerOutcome> outcome =
                CompletableFuture.supplyAsync(() -> UsageExtension.answer(s, REPORT, 5000, log::add));
        assertThat(UsageExtension.request(client(), 2000)).isEqualTo(REPORT);
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo(UsageExtension.ServerOutcome.ANSWERED);
        assertThat(log).isEmpty();
    }

    @Test
    void aClientThatClosesShouldEndTheWaitAtOnce() throws Exception {
        near.close(); // a stock client closes right after the after-sync
        final long t0 = System.nanoTime();
        assertThat(UsageExtension.answer(server(), REPORT, 20_000, log::add))
                .isEqualTo(UsageExtension.ServerOutcome.EOF);
        assertThat(System.nanoTime() - t0).as("not the 20 s bound").isLessThan(TimeUnit.SECONDS.toNanos(10));
        assertThat(log).isEmpty();
    }

    @Test
    void aSilentClientShouldEndTheWaitAtTheBound() throws Exception {
        assertThat(UsageExtension.answer(server(), REPORT, 50, log::add)).isEqualTo(UsageExtension.ServerOutcome.QUIET);
        assertThat(log).isEmpty();
    }

    @Test
    void garbageShouldBeLoggedAndNotAnswered() throws Exception {
        near.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(UsageExtension.answer(server(), REPORT, 2000, log::add))
                .isEqualTo(UsageExtension.ServerOutcome.GARBAGE);
        assertThat(log).singleElement().asString().contains("not a jqperf extension message");
        near.setSoTimeout(2000);
        far.close();
        assertThat(near.getInputStream().read()).as("nothing sent back").isEqualTo(-1);
    }

    @Test
    void aPartialHeaderShouldEndAtTheBound() throws Exception {
        near.getOutputStream().write(new byte[] {0x4a, 0x51});
        assertThat(UsageExtension.answer(server(), REPORT, 100, log::add))
                .isEqualTo(UsageExtension.ServerOutcome.GARBAGE);
        assertThat(log).singleElement().asString().contains("timed out");
    }

    @Test
    void anOversizedRequestBodyShouldNotBeRead() throws Exception {
        final byte[] h = UsageExtensionCodec.request();
        ByteBuffer.wrap(h).putInt(8, 0x7fffffff);
        near.getOutputStream().write(h);
        assertThat(UsageExtension.answer(server(), REPORT, 1000, log::add))
                .isEqualTo(UsageExtension.ServerOutcome.GARBAGE);
        assertThat(log).singleElement().asString().contains("too long");
    }

    @Test
    void anUnknownVersionShouldGetTheUnsupportedAnswer() throws Exception {
        final byte[] h = UsageExtensionCodec.request();
        ByteBuffer.wrap(h).putShort(4, (short) 2);
        near.getOutputStream().write(h);
        assertThat(UsageExtension.answer(server(), REPORT, 1000, log::add))
                .isEqualTo(UsageExtension.ServerOutcome.ANSWERED);
        near.setSoTimeout(2000);
        assertThat(HexFormat.of().formatHex(near.getInputStream().readNBytes(12)))
                .isEqualTo(HexFormat.of().formatHex(UsageExtensionCodec.unsupported()));
    }

    @Test
    void againstAServerThatClosesTheClientShouldNoteItAndNotFail() throws Exception {
        far.close(); // a stock server has closed after the after-sync
        final UsageReport r = UsageExtension.request(client(), 2000);
        assertThat(r.scopes()).isEmpty();
        assertThat(r.notes())
                .singleElement()
                .asString()
                .startsWith("remote usage unavailable: the server is not jqperf");
    }

    @Test
    void hostileAnswersShouldBeOneNote() throws Exception {
        final ControlChannel c = client();
        final InputStream in = far.getInputStream();
        final OutputStream out = far.getOutputStream();
        final CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
            try {
                in.readNBytes(12);
                final byte[] h = UsageExtensionCodec.request();
                ByteBuffer.wrap(h)
                        .putShort(6, (short) UsageExtensionCodec.KIND_USAGE_REPORT)
                        .putInt(8, 5);
                out.write(h);
                out.write(new byte[] {9, 9, 9, 9, 9}); // 9 scopes: more than allowed
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        final UsageReport r = UsageExtension.request(c, 2000);
        peer.get(5, TimeUnit.SECONDS);
        assertThat(r.scopes()).isEmpty();
        assertThat(r.notes()).singleElement().asString().startsWith("remote usage unavailable: bad usage report");
    }

    @Test
    void aSilentServerShouldCostTheClientOnlyItsBound() throws Exception {
        final UsageReport r = UsageExtension.request(client(), 100);
        assertThat(r.notes()).singleElement().asString().startsWith("remote usage unavailable");
    }
}
