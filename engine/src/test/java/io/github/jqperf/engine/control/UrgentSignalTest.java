package io.github.jqperf.engine.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The error signal sent with back-to-back system calls on the socket's own descriptor. */
@Timeout(30)
class UrgentSignalTest {
    @Test
    void shouldFindTheDescriptorAndSendTheUrgentByteThenTheText() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                Socket client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()));
            client.setOOBInline(true);
            client.setSoTimeout(5000);
            try (Socket served = ss.accept()) {
                assertThat(UrgentSignal.descriptorOf(served))
                        .as("fd of the accepted socket")
                        .isPositive();
                assertThat(UrgentSignal.send(served, "server busy".getBytes(StandardCharsets.ISO_8859_1)))
                        .isTrue();
                served.shutdownOutput();
                assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                        .isEqualTo("?server busy");
            }
        }
    }

    @Test
    void shouldFindNoDescriptorForAnUnconnectedSocket() {
        assertThat(UrgentSignal.descriptorOf(new Socket())).isEqualTo(-1);
    }
}
