package io.github.jqperf.engine.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jqperf.engine.error.PeerException;
import io.github.jqperf.engine.wire.PortCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The control connection's reads that depend on the bytes: a PORT that starts with {@code ?} (data port 63 mod 256)
 * is a PORT, the error signal is still the error signal, and the server's non-blocking probe (a control socket with
 * a channel, as {@code QperfServer} accepts them) tells nothing, data and EOF apart without losing a byte.
 */
@Timeout(20)
class ControlChannelTest {
    private ServerSocket listener;
    private Socket near;
    private Socket far;

    @BeforeEach
    void pair() throws IOException {
        // a channel's socket, as QperfServer's listener: the accepted socket has a channel
        listener = ServerSocketChannel.open().socket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        near = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        far = listener.accept();
    }

    @AfterEach
    void close() throws IOException {
        near.close();
        far.close();
        listener.close();
    }

    @Test
    void aPortWhoseFirstByteIsTheSignalCharacterIsAPort() throws Exception {
        final byte[] port = PortCodec.encode(42_559); // 0xA63F, little-endian: '?', 0xA6, 0, 0
        assertThat(port[0]).isEqualTo((byte) '?');
        far.getOutputStream().write(port);
        far.close(); // even a server that closes right after: the four bytes were a PORT, not an error text
        final ControlChannel client = new ControlChannel(near, "server");
        assertThat(PortCodec.decode(client.receivePort(5000))).isEqualTo(42_559);
    }

    @Test
    void theErrorSignalInsteadOfAPortIsStillThePeersError() throws Exception {
        far.getOutputStream().write("?failed to receive data connection".getBytes(StandardCharsets.ISO_8859_1));
        far.close();
        final ControlChannel client = new ControlChannel(near, "server");
        assertThatThrownBy(() -> client.receivePort(5000))
                .isInstanceOf(PeerException.class)
                .hasMessageContaining("failed to receive data connection");
    }

    @Test
    void isPortAcceptsOnlyLittleEndianPortNumbers() {
        assertThat(ControlChannel.isPort(new byte[] {'?', (byte) 0xA6, 0, 0})).isTrue();
        assertThat(ControlChannel.isPort(new byte[] {0, 1, 0, 0})).isTrue(); // 256
        assertThat(ControlChannel.isPort(new byte[] {0, 0, 0, 0})).isFalse(); // 0
        assertThat(ControlChannel.isPort(new byte[] {'?', 'a', 'b', 0})).isFalse(); // a text
        assertThat(ControlChannel.isPort(new byte[] {'?', 'a', 0, 1})).isFalse(); // above 65535
        assertThat(ControlChannel.isPort(new byte[] {'?', 0, 0})).isFalse();
    }

    @Test
    void theServersProbeTellsNothingDataAndEofApartAndKeepsTheBytes() throws Exception {
        assertThat(far.getChannel()).as("accepted from a channel's listener").isNotNull();
        final ControlChannel server = new ControlChannel(far, "client");
        assertThat(server.probe(1)).isEqualTo(ControlChannel.Activity.QUIET);
        near.getOutputStream().write("synchronization before test".getBytes(StandardCharsets.ISO_8859_1));
        ControlChannel.Activity a = ControlChannel.Activity.QUIET;
        for (int i = 0; i < 200 && a == ControlChannel.Activity.QUIET; i++) {
            a = server.probe(1);
            if (a == ControlChannel.Activity.QUIET) {
                Thread.sleep(10);
            }
        }
        assertThat(a).isEqualTo(ControlChannel.Activity.DATA);
        // the channel is back in blocking mode: a timed receive works and gets the bytes the probe kept
        assertThat(new String(server.receive(27, "synchronization before test", 5000), StandardCharsets.ISO_8859_1))
                .isEqualTo("synchronization before test");
        near.close();
        a = ControlChannel.Activity.QUIET;
        for (int i = 0; i < 200 && a == ControlChannel.Activity.QUIET; i++) {
            a = server.probe(1);
            if (a == ControlChannel.Activity.QUIET) {
                Thread.sleep(10);
            }
        }
        assertThat(a).isEqualTo(ControlChannel.Activity.EOF);
    }
}
