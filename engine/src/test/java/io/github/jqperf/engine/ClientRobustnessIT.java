package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.error.CannotConnectException;
import io.github.jqperf.engine.error.ProtocolException;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.error.QperfTimeoutException;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.wire.PortCodec;
import io.github.jqperf.engine.wire.SyncCodec;
import io.github.jqperf.engine.wire.WireConstants;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The jqperf client against misbehaving servers (scripted with plain sockets): it ends with qperf's one-line error,
 * within its time limits, and never hangs.
 */
@Timeout(30)
class ClientRobustnessIT {
    /** A fake server that runs {@code script} on the first control connection. */
    private interface Script {
        void run(Socket control, DataInputStream in, OutputStream out) throws Exception;
    }

    private static Throwable runAgainst(final Script script, final TestKind kind, final ParamSet params)
            throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            final CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    final DataInputStream in = new DataInputStream(s.getInputStream());
                    in.readNBytes(WireConstants.REQUEST_LENGTH);
                    script.run(s, in, s.getOutputStream());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1")
                    .withListenPort(listener.getLocalPort())
                    .withWaitServerSec(0))) {
                final Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> c.measure(kind, params));
                server.get(10, TimeUnit.SECONDS);
                return t;
            }
        }
    }

    @Test
    void shouldReportAServerThatClosesMidTest() throws Exception {
        final ParamSet p = new ParamSet().set(Param.TIME, 2, "-t").set(Param.TIMEOUT, 2, "-to");
        final Throwable t = runAgainst(
                (control, in, out) -> {
                    try (ServerSocket data = new ServerSocket(0)) {
                        out.write(PortCodec.encode(data.getLocalPort()));
                        try (Socket d = data.accept()) {
                            out.write(SyncCodec.before());
                            in.readNBytes(SyncCodec.BEFORE_LENGTH);
                            Thread.sleep(200);
                        }
                    }
                    // control closes here: no STAT will ever come
                },
                TestKind.TCP_BW,
                p);
        assertThat(t).isInstanceOf(QperfException.class).hasMessage("failed to receive results: server not responding");
    }

    @Test
    void shouldTimeOutASilentServer() throws Exception {
        final ParamSet p = new ParamSet().set(Param.TIME, 1, "-t").set(Param.TIMEOUT, 1, "-to");
        final long t0 = System.nanoTime();
        final Throwable t = runAgainst((control, in, out) -> Thread.sleep(2500), TestKind.TCP_LAT, p);
        assertThat(t).isInstanceOf(QperfTimeoutException.class).hasMessage("failed to receive port: timed out");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(10);
    }

    @Test
    void shouldReportWrongSyncText() throws Exception {
        final ParamSet p = new ParamSet().set(Param.TIME, 1, "-t");
        final Throwable t = runAgainst(
                (control, in, out) -> {
                    try (ServerSocket data = new ServerSocket(0)) {
                        out.write(PortCodec.encode(data.getLocalPort()));
                        try (Socket d = data.accept()) {
                            out.write(
                                    "synchronization BEFORE test".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            in.readNBytes(SyncCodec.BEFORE_LENGTH);
                        }
                    }
                },
                TestKind.TCP_LAT,
                p);
        assertThat(t)
                .isInstanceOf(ProtocolException.class)
                .hasMessage("synchronize synchronization before test failure: data does not match");
    }

    @Test
    void shouldReportAnUnreachableDataPortToTheServer() throws Exception {
        final ParamSet p = new ParamSet().set(Param.TIME, 1, "-t");
        final String[] serverSaw = new String[1];
        final Throwable t = runAgainst(
                (control, in, out) -> {
                    int closed;
                    try (ServerSocket probe = new ServerSocket(0)) {
                        closed = probe.getLocalPort();
                    }
                    out.write(PortCodec.encode(closed)); // nothing listens there
                    control.setOOBInline(true);
                    serverSaw[0] = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                },
                TestKind.TCP_BW,
                p);
        assertThat(t).isInstanceOf(CannotConnectException.class).hasMessage("could not make TCP connection to server");
        assertThat(serverSaw[0]).isEqualTo("?could not make TCP connection to server");
    }

    @Test
    void shouldRejectAnInvalidPort() throws Exception {
        final ParamSet p = new ParamSet().set(Param.TIME, 1, "-t");
        final Throwable t = runAgainst(
                (control, in, out) -> {
                    out.write(new byte[] {0, 0, 1, 0}); // 65536
                    in.read();
                },
                TestKind.UDP_BW,
                p);
        assertThatThrownBy(() -> {
                    throw t;
                })
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("65536");
    }
}
