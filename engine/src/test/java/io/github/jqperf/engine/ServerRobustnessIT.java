package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.wire.PortCodec;
import io.github.jqperf.engine.wire.Request;
import io.github.jqperf.engine.wire.RequestCodec;
import io.github.jqperf.engine.wire.Requests;
import io.github.jqperf.engine.wire.SyncCodec;
import io.github.jqperf.engine.wire.WireConstants;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad clients never crash the jqperf server or wedge it: each gets a one-line log entry (and, where the control
 * connection is still open, qperf's error signal), and the next client is served.
 */
@Timeout(60)
class ServerRobustnessIT {
    private QperfServer server;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        // short request timeout keeps the tests quick; the REQ's own timeout governs the rest
        server = QperfServer.start(ServerConfig.defaults()
                .withListenPort(0)
                .withRequestTimeoutSec(1)
                .withLog(log::add));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void assertStillServing() {
        try (QperfClient c = new QperfClient(
                ClientConfig.of("127.0.0.1").withListenPort(server.port()).withWaitServerSec(0))) {
            assertThat(c.conf(new ParamSet()).qperf()).isEqualTo("0.4.11");
            final ParamSet p = new ParamSet().set(Param.TIME, 1, "-t");
            assertThat(c.measure(TestKind.TCP_LAT, p).local().r().msgs()).isPositive();
        }
    }

    private Socket connect() throws IOException {
        final Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        s.setSoTimeout(10_000);
        s.setOOBInline(true); // see the urgent `?` of the error signal in the stream
        return s;
    }

    private static String readAll(final InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldLogGarbageAndServeTheNextClient() throws Exception {
        final byte[] garbage = new byte[200];
        new Random(42).nextBytes(garbage);
        garbage[0] = 7; // version 7.x: not a qperf 0.4 client
        try (Socket s = connect()) {
            s.getOutputStream().write(garbage);
            final String reply = readAll(s.getInputStream());
            assertThat(reply).startsWith("?upgrade qperf on server from 0.4.11 to ");
        }
        assertStillServing();
        assertThat(log).hasSize(1);
        assertThat(log.get(0))
                .startsWith("upgrade qperf on server from 0.4.11 to ")
                .doesNotContain("\n");
    }

    @Test
    void shouldRejectBadIndexWithQperfsMessage() throws Exception {
        final Request req = Requests.of(TestKind.CONF, TestKind.CONF.withDefaults(new ParamSet()));
        final byte[] bytes =
                RequestCodec.encode(new Request(0, 4, 11, 99, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 5, 0, "", ""));
        assertThat(req.reqIndex()).isZero();
        try (Socket s = connect()) {
            s.getOutputStream().write(bytes);
            assertThat(readAll(s.getInputStream())).isEqualTo("?bad request index: 99");
        }
        assertStillServing();
    }

    @Test
    void shouldTimeOutATruncatedRequest() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(new byte[] {0, 0, 4, 0, 11, 0, 8, 0}); // 8 of 200 bytes, then silence
            assertThat(readAll(s.getInputStream())).isEqualTo("?failed to receive request data: timed out");
        }
        assertStillServing();
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("failed to receive request data: timed out"));
    }

    @Test
    void shouldNotWedgeWhenClientVanishesAfterPort() throws Exception {
        final ParamSet p = TestKind.TCP_BW.withDefaults(
                new ParamSet().set(Param.TIME, 1, "-t").set(Param.TIMEOUT, 1, "-to"));
        try (Socket s = connect()) {
            s.getOutputStream().write(RequestCodec.encode(Requests.of(TestKind.TCP_BW, p)));
            final byte[] port = new DataInputStream(s.getInputStream()).readNBytes(4);
            assertThat(PortCodec.decode(port)).isPositive();
            // vanish: never connect the data socket, never sync
        }
        assertStillServing();
        assertThat(log).anySatisfy(l -> assertThat(l).contains("data connection"));
    }

    @Test
    void shouldSurviveAClientThatClosesMidTest() throws Exception {
        final ParamSet p = TestKind.TCP_BW.withDefaults(new ParamSet().set(Param.TIME, 5, "-t"));
        try (Socket s = connect()) {
            final OutputStream out = s.getOutputStream();
            out.write(RequestCodec.encode(Requests.of(TestKind.TCP_BW, p)));
            final DataInputStream in = new DataInputStream(s.getInputStream());
            final int port = PortCodec.decode(in.readNBytes(4));
            try (Socket data = new Socket("127.0.0.1", port)) {
                out.write(SyncCodec.before());
                assertThat(in.readNBytes(SyncCodec.BEFORE_LENGTH)).isEqualTo(SyncCodec.before());
                data.getOutputStream().write(new byte[65536]);
                data.getOutputStream().write(new byte[65536]);
            }
            // data closed after two messages: the server's run ends on EOF and it sends its STAT early
            final byte[] stat = in.readNBytes(WireConstants.STAT_LENGTH);
            assertThat(stat).hasSize(WireConstants.STAT_LENGTH);
        }
        assertStillServing();
    }

    @Test
    void shouldReportDataPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
                QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1").withListenPort(server.port()))) {
            final ParamSet p = new ParamSet().set(Param.TIME, 1, "-t").set(Param.PORT, taken.getLocalPort(), "-ip");
            assertThatThrownBy(() -> c.measure(TestKind.TCP_BW, p))
                    .isInstanceOf(PeerException.class)
                    .hasMessage("server: unable to make TCP socket");
        }
        assertStillServing();
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("unable to make TCP socket"));
    }

    @Test
    void shouldReportImpossibleAffinity() {
        try (QperfClient c = new QperfClient(ClientConfig.of("127.0.0.1").withListenPort(server.port()))) {
            final ParamSet p = new ParamSet().set(Param.TIME, 1, "-t").setRemote(Param.AFFINITY, 999, "-rca");
            assertThatThrownBy(() -> c.measure(TestKind.TCP_LAT, p))
                    .isInstanceOf(PeerException.class)
                    .hasMessage("server: cannot set processor affinity (cpu 998): Invalid argument");
        }
        assertStillServing();
    }
}
