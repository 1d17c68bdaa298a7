package io.github.jqperf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import io.github.jqperf.engine.wire.PortCodec;
import io.github.jqperf.engine.wire.Request;
import io.github.jqperf.engine.wire.RequestCodec;
import io.github.jqperf.engine.wire.Requests;
import io.github.jqperf.engine.wire.SyncCodec;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a client may ask of the server: test time, message size, the sources it may come from; and a udp client
 * asking for a test without end that goes away does not keep the server.
 */
@Timeout(60)
class ServerLimitsIT {
    private QperfServer server;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private void start(final ServerConfig.Limits limits) {
        server = QperfServer.start(ServerConfig.defaults()
                .withListenPort(0)
                .withRequestTimeoutSec(2)
                .withLog(log::add)
                .withLimits(limits));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Socket connect() throws IOException {
        final Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        s.setSoTimeout(10_000);
        s.setOOBInline(true);
        return s;
    }

    private String refusalOf(final Request req) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(RequestCodec.encode(req));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private long servedWithinMs() {
        final long t0 = System.nanoTime();
        try (QperfClient c = new QperfClient(
                ClientConfig.of("127.0.0.1").withListenPort(server.port()).withWaitServerSec(0))) {
            assertThat(c.measure(TestKind.TCP_LAT, new ParamSet().set(Param.TIME, 1, "-t"))
                            .local()
                            .r()
                            .msgs())
                    .isPositive();
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static Request udpBw(final long time, final long timeout, final long msgSize) {
        return Requests.of(
                TestKind.UDP_BW,
                TestKind.UDP_BW.withDefaults(new ParamSet()
                        .set(Param.TIME, time, "-t")
                        .set(Param.TIMEOUT, timeout, "-to")
                        .set(Param.MSG_SIZE, msgSize, "-m")));
    }

    @Test
    void shouldEndAnEndlessUdpRunWhenItsClientGoesAway() throws Exception {
        start(ServerConfig.Limits.NONE);
        for (final TestKind kind : List.of(TestKind.UDP_BW, TestKind.UDP_LAT)) {
            final Request req = Requests.of(
                    kind,
                    kind.withDefaults(new ParamSet().set(Param.TIME, 0, "-t").set(Param.TIMEOUT, 0, "-to")));
            try (Socket s = connect();
                    DatagramSocket udp = new DatagramSocket()) {
                s.getOutputStream().write(RequestCodec.encode(req));
                final DataInputStream in = new DataInputStream(s.getInputStream());
                final int port = PortCodec.decode(in.readNBytes(4));
                udp.connect(InetAddress.getLoopbackAddress(), port);
                s.getOutputStream().write(SyncCodec.before());
                assertThat(in.readNBytes(SyncCodec.BEFORE_LENGTH)).isEqualTo(SyncCodec.before());
                udp.send(new DatagramPacket(new byte[1], 1));
                Thread.sleep(300);
            } // vanish: FIN on the control connection, the run has no end of its own
            assertThat(servedWithinMs()).as("next client after %s", kind).isLessThan(3000);
        }
        assertThat(log).anySatisfy(l -> assertThat(l).contains("client not responding"));
    }

    /**
     * Issue 12, B1's last form: a client that stays connected but sends nothing during an endless udp run (a frozen
     * process, a host gone without a FIN) no longer holds the test slot: the idle limit ends the run, one line is
     * logged, the client is told, and the next client is served.
     */
    @Test
    void shouldEndAnEndlessUdpRunWhoseClientStaysConnectedButSilent() throws Exception {
        start(new ServerConfig.Limits(0, 0, AllowList.ANY, 8, 1));
        for (final TestKind kind : List.of(TestKind.UDP_BW, TestKind.UDP_LAT)) {
            final Request req = Requests.of(
                    kind,
                    kind.withDefaults(new ParamSet().set(Param.TIME, 0, "-t").set(Param.TIMEOUT, 0, "-to")));
            final int before = log.size();
            try (Socket s = connect();
                    DatagramSocket udp = new DatagramSocket()) {
                s.getOutputStream().write(RequestCodec.encode(req));
                final DataInputStream in = new DataInputStream(s.getInputStream());
                final int port = PortCodec.decode(in.readNBytes(4));
                udp.connect(InetAddress.getLoopbackAddress(), port);
                s.getOutputStream().write(SyncCodec.before());
                assertThat(in.readNBytes(SyncCodec.BEFORE_LENGTH)).isEqualTo(SyncCodec.before());
                udp.send(new DatagramPacket(new byte[1], 1));
                final long t0 = System.nanoTime();
                // silent from here on, connection open: what the server sends is its error signal, then its close
                final String told = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                final long endedMs = (System.nanoTime() - t0) / 1_000_000;
                assertThat(told)
                        .as(kind.qperfName())
                        .startsWith("?test ended: nothing received from the client for 1 s");
                assertThat(endedMs)
                        .as("%s run ended after the idle limit", kind)
                        .isBetween(900L, 8_000L);
            }
            assertThat(servedWithinMs()).as("next client after %s", kind).isLessThan(3000);
            final List<String> lines;
            synchronized (log) {
                lines = List.copyOf(log.subList(before, log.size()));
            }
            assertThat(lines)
                    .filteredOn(l -> l.contains("nothing received"))
                    .singleElement()
                    .asString()
                    .matches("test ended: nothing received from the client for 1 s \\(idle limit\\) \\(client /.*\\)");
        }
    }

    /**
     * The idle limit is only for runs without an end: a timed udp_lat whose ping-pong stalled (a lost datagram: here the
     * client sends one and then nothing) still runs to its time and reports its STAT, as qperf's server does.
     */
    @Test
    void shouldNotCutATimedRunThatWentSilent() throws Exception {
        start(new ServerConfig.Limits(0, 0, AllowList.ANY, 8, 1));
        final Request req =
                Requests.of(TestKind.UDP_LAT, TestKind.UDP_LAT.withDefaults(new ParamSet().set(Param.TIME, 3, "-t")));
        try (Socket s = connect();
                DatagramSocket udp = new DatagramSocket()) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(RequestCodec.encode(req));
            final DataInputStream in = new DataInputStream(s.getInputStream());
            final int port = PortCodec.decode(in.readNBytes(4));
            udp.connect(InetAddress.getLoopbackAddress(), port);
            s.getOutputStream().write(SyncCodec.before());
            assertThat(in.readNBytes(SyncCodec.BEFORE_LENGTH)).isEqualTo(SyncCodec.before());
            udp.send(new DatagramPacket(new byte[1], 1));
            // silent for 3 s against a 1 s idle limit: the server's answer is its STAT, not the error signal
            final byte[] first = in.readNBytes(1);
            assertThat(first).as("first byte after the run").hasSize(1);
            assertThat((char) first[0]).as("STAT, not qperf's error signal '?'").isNotEqualTo('?');
        }
        assertThat(log).noneSatisfy(l -> assertThat(l).contains("nothing received"));
    }

    /** The idle limit is about silence, not about the test time: a client that keeps sending runs to its end. */
    @Test
    void shouldLetAClientThatKeepsSendingRunLongerThanTheIdleLimit() {
        start(new ServerConfig.Limits(0, 0, AllowList.ANY, 8, 1));
        try (QperfClient c = new QperfClient(
                ClientConfig.of("127.0.0.1").withListenPort(server.port()).withWaitServerSec(0))) {
            for (final TestKind kind : List.of(TestKind.UDP_BW, TestKind.UDP_LAT, TestKind.TCP_BW, TestKind.TCP_LAT)) {
                assertThat(c.measure(kind, new ParamSet().set(Param.TIME, 3, "-t"))
                                .remote()
                                .r()
                                .msgs())
                        .as(kind.qperfName())
                        .isPositive();
            }
        }
        assertThat(log).noneSatisfy(l -> assertThat(l).contains("nothing received"));
    }

    @Test
    void shouldRefuseTestsLongerThanMaxTimeAndTestsWithoutEnd() throws Exception {
        start(new ServerConfig.Limits(10, 0, AllowList.ANY, 8));
        assertThat(refusalOf(udpBw(11, 5, 1024)))
                .isEqualTo("?test time 11 s is over this server's limit of 10 s (--max-time); use -t 1..10");
        assertThat(refusalOf(udpBw(0, 5, 1024)))
                .isEqualTo(
                        "?test time 0 (until stopped) is over this server's limit of 10 s (--max-time); use -t 1..10");
        assertThat(servedWithinMs()).isLessThan(3000);
    }

    @Test
    void shouldRefuseMessagesOverMaxMsgSizeWithoutAllocatingThem() throws Exception {
        start(new ServerConfig.Limits(0, 65536, AllowList.ANY, 8));
        assertThat(refusalOf(udpBw(1, 5, 0xFFFF_FFFFL)))
                .isEqualTo("?message size 4294967295 is over this server's limit of 65536 bytes (--max-msg-size);"
                        + " use -m 65536 or less");
        assertThat(servedWithinMs()).isLessThan(3000);
    }

    @Test
    void shouldCloseSourcesOutsideTheAllowListAtAccept() throws Exception {
        start(new ServerConfig.Limits(0, 0, AllowList.parse("192.0.2.0/24,2001:db8::/32"), 8));
        for (int i = 0; i < 100; i++) {
            int n;
            try (Socket s = connect()) {
                n = s.getInputStream().read();
            } catch (SocketException reset) {
                n = -1; // closed with a reset at accept
            }
            assertThat(n).isEqualTo(-1);
        }
        assertThat(log).first().asString().startsWith("refused /127.0.0.1:").contains("not in --allow 192.0.2.0/24");
        assertThat(log.size()).as("rate-limited log").isLessThanOrEqualTo(LogLimiter.BURST + 2);
    }

    @Test
    void shouldTakeAQuestionMarkInTheRequestLiterallyAndLogOneHarmlessLine() throws Exception {
        start(ServerConfig.Limits.NONE);
        final byte[] req = new byte[200];
        req[0] = '?';
        final byte[] text = "x\njqperf server stopped\u001b[2J".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(text, 0, req, 1, text.length);
        try (Socket s = connect()) {
            s.getOutputStream().write(req);
            s.shutdownOutput(); // what a forged error signal does: text, then FIN
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .startsWith("?upgrade qperf on server from 0.4.11 to ");
        }
        assertThat(servedWithinMs()).isLessThan(3000);
        assertThat(log).noneSatisfy(l -> assertThat(l).contains("reported"));
        assertThat(log).allSatisfy(l -> assertThat(l).doesNotContain("\n", "\u001b"));
    }

    @Test
    void shouldServeSourcesInsideTheAllowList() {
        start(new ServerConfig.Limits(0, 0, AllowList.parse("10.0.0.0/8, 127.0.0.0/8"), 8));
        assertThat(servedWithinMs()).isLessThan(5000);
    }
}
