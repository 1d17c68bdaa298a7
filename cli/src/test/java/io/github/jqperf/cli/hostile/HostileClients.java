package io.github.jqperf.cli.hostile;

import io.github.jqperf.engine.QperfBinary;
import io.github.jqperf.engine.wire.PortCodec;
import io.github.jqperf.engine.wire.Request;
import io.github.jqperf.engine.wire.RequestCodec;
import io.github.jqperf.engine.wire.SyncCodec;
import io.github.jqperf.engine.wire.WireConstants;
import io.github.jqperf.engine.wire.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Raw control-connection clients that misbehave, and the stock qperf client as a probe. */
final class HostileClients {
    /** Request indices (docs/protocol.md §3.2). */
    static final int CONF = 0;

    static final int TCP_BW = 8;
    static final int TCP_LAT = 9;
    static final int UDP_BW = 10;
    static final int UDP_LAT = 11;

    /** The four measurement tests by index, and their default message sizes (docs/protocol.md §9.5). */
    static final int[] KINDS = {TCP_BW, TCP_LAT, UDP_BW, UDP_LAT};

    static final String[] KIND_NAMES = {"tcp_bw", "tcp_lat", "udp_bw", "udp_lat"};
    static final long[] DEFAULT_MSG = {65536, 1, 32768, 1};

    private static final Pattern RESULT =
            Pattern.compile("^\\s+(latency|bw|msg_rate|send_bw|recv_bw)\\s+=\\s+[0-9.]+ .*");

    /** The local ports of the hostile connections, to tell their log lines from others'. */
    static final java.util.Set<Integer> PORTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private HostileClients() {}

    static String name(final int index) {
        for (int i = 0; i < KINDS.length; i++) {
            if (KINDS[i] == index) {
                return KIND_NAMES[i];
            }
        }
        return "index " + index;
    }

    static long defaultMsg(final int index) {
        for (int i = 0; i < KINDS.length; i++) {
            if (KINDS[i] == index) {
                return DEFAULT_MSG[i];
            }
        }
        return 0;
    }

    /** A REQ as the stock client sends it, with the fields a hostile client changes. */
    static byte[] req(
            final int verMaj,
            final int verMin,
            final int verInc,
            final int index,
            final long msgSize,
            final long time,
            final long timeout,
            final long affinity) {
        return RequestCodec.encode(new Request(
                verMaj, verMin, verInc, index, 0, affinity, 0, 0, msgSize, 0, 0, 0, 0, 0, 0, 0, 0, time, timeout, 0, "",
                ""));
    }

    /** A valid 0.4.11 REQ for a test. */
    static byte[] req(final int index, final long msgSize, final long time, final long timeout) {
        return req(0, 4, 11, index, msgSize, time, timeout, 0);
    }

    /** A control connection to the server, urgent data inline (so the error signal's {@code ?} is read). */
    static Socket connect(final int port, final int soTimeoutMs) throws IOException {
        final Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
        s.setSoTimeout(soTimeoutMs);
        s.setOOBInline(true);
        PORTS.add(s.getLocalPort());
        return s;
    }

    /**
     * Sends {@code bytes}, half-closes (FIN) and reads what the server says until it closes or {@code waitMs} pass.
     *
     * @return the server's answer in one line: {@code ?text} (qperf's error signal), {@code <n bytes>} or
     *     {@code (nothing)}, with {@code [no EOF within Nms]} when the server kept the connection open
     */
    static String sendAndHalfClose(final int port, final byte[] bytes, final int waitMs) throws IOException {
        try (Socket s = connect(port, waitMs)) {
            if (bytes.length > 0) {
                s.getOutputStream().write(bytes);
            }
            s.shutdownOutput();
            return readAnswer(s.getInputStream(), waitMs);
        }
    }

    /** Reads until EOF or {@code waitMs}; see {@link #sendAndHalfClose}. */
    static String readAnswer(final InputStream in, final int waitMs) throws IOException {
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        final byte[] buf = new byte[512];
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        boolean eof = false;
        try {
            while (System.nanoTime() < deadline) {
                final int n = in.read(buf);
                if (n < 0) {
                    eof = true;
                    break;
                }
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // no EOF in time
        } catch (IOException e) {
            eof = true; // reset by the server: also an end
        }
        final byte[] b = got.toByteArray();
        final String text;
        if (b.length > 0 && b[0] == '?') {
            text = new String(b, StandardCharsets.ISO_8859_1).replace("\0", "");
        } else if (b.length == 0) {
            text = "(nothing)";
        } else {
            text = "<" + b.length + " bytes>";
        }
        return eof ? text : text + " [no EOF within " + waitMs + " ms]";
    }

    /**
     * Sends a REQ and reads the 4-byte PORT (or the error signal).
     *
     * <p>A PORT is a little-endian u32, so its first byte is {@code ?} (0x3F) whenever the data port is 63 modulo
     * 256: one port in 256. The first byte alone therefore does not tell PORT from qperf's error signal (this client
     * reads urgent data inline). Four bytes that decode to a port number (1..65535: the two high bytes zero, which no
     * error text has) are the PORT; anything else is the error signal, whose text is read until the server closes or
     * 2 s pass. (Taking every {@code ?} for the error signal made this client wait for an EOF that never came, up to
     * its socket timeout, instead of vanishing: the server then rightly timed out after its 5 s. That was h-hostile's
     * B4, "7 of 976 FINs missed".)
     *
     * @return the data port, or -1 with the answer in {@code answer[0]}
     */
    static int requestPort(final Socket s, final byte[] req, final String[] answer) throws IOException {
        s.getOutputStream().write(req);
        final InputStream in = s.getInputStream();
        final byte[] first = in.readNBytes(WireConstants.PORT_LENGTH);
        if (first.length == 0) {
            answer[0] = "(closed without PORT)";
            return -1;
        }
        final int port = portOrMinusOne(first);
        if (port > 0) {
            answer[0] = "PORT";
            return port;
        }
        s.setSoTimeout(2000); // readAnswer's bound applies to each blocking read as well
        final String rest =
                readAnswer(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(first), in), 2000);
        answer[0] = rest.replace(" [no EOF within 2000 ms]", "");
        return -1;
    }

    /** The port that four bytes encode as a PORT, or -1 when they are not one (e.g. an error signal's text). */
    static int portOrMinusOne(final byte[] four) {
        if (four.length != WireConstants.PORT_LENGTH) {
            return -1;
        }
        try {
            return PortCodec.decode(four);
        } catch (WireFormatException e) {
            return -1;
        }
    }

    /**
     * A free TCP and UDP port whose PORT message starts with {@code ?} (port = 63 modulo 256), searched upwards
     * from {@code from}; 0 when none of the first 100 candidates is free.
     */
    static int freePortStartingWithQuestionMark(final int from) {
        int p = (from & ~0xff) + 0x3f;
        for (int i = 0; i < 100 && p <= 65535; i++, p += 256) {
            try (java.net.ServerSocket t = new java.net.ServerSocket();
                    java.net.DatagramSocket u = new java.net.DatagramSocket(null)) {
                t.setReuseAddress(true);
                t.bind(new InetSocketAddress(p));
                u.bind(new InetSocketAddress(p));
                return p;
            } catch (IOException e) {
                // taken: next candidate
            }
        }
        return 0;
    }

    /** Sends the before-sync and reads the server's (or its error). */
    static String syncBefore(final Socket s) throws IOException {
        s.getOutputStream().write(SyncCodec.before());
        final byte[] got = s.getInputStream().readNBytes(SyncCodec.BEFORE_LENGTH);
        final String text = new String(got, StandardCharsets.ISO_8859_1);
        return text.equals("synchronization before test") ? "sync" : text.replace("\0", "");
    }

    /** What a stock qperf client run gave. */
    record Run(int exit, long elapsedMs, List<String> out, String err) {
        /** Exit 0 and a result line with a number. */
        boolean correct() {
            return exit == 0 && out.stream().anyMatch(l -> RESULT.matcher(l).matches());
        }

        String oneLine() {
            return "exit " + exit + " after " + elapsedMs + " ms, stdout " + out + ", stderr "
                    + err.strip().replace('\n', '|');
        }
    }

    /** Starts {@code qperf args...} (stock client), output to temporary files. */
    static Started startStock(final String... args) throws IOException {
        QperfBinary.require();
        final List<String> cmd = new ArrayList<>();
        cmd.add(QperfBinary.PATH.toString());
        cmd.addAll(List.of(args));
        final Path out = Files.createTempFile("qperf-out", ".txt");
        final Path err = Files.createTempFile("qperf-err", ".txt");
        final long t0 = System.nanoTime();
        final Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new Started(p, t0, out, err);
    }

    /** A started stock client. */
    record Started(Process process, long startNs, Path out, Path err) {
        /** Waits at most {@code limitMs} (then SIGKILL) and collects the output. */
        Run await(final long limitMs) throws IOException, InterruptedException {
            final boolean ended = process.waitFor(limitMs, TimeUnit.MILLISECONDS);
            final long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            if (!ended) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            try {
                final List<String> o = Files.readAllLines(out, StandardCharsets.UTF_8);
                final String e = Files.readString(err, StandardCharsets.UTF_8);
                return new Run(
                        ended ? process.exitValue() : -1,
                        elapsed,
                        o,
                        ended ? e : "killed after " + limitMs + " ms (no answer) " + e);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }

        /** SIGKILL now (a client killed mid-test). */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** {@code qperf -lp PORT -t 1 127.0.0.1 tcp_lat}: the probe after every class. */
    static Run probe(final int port) throws IOException, InterruptedException {
        return startStock("-lp", Integer.toString(port), "-t", "1", "127.0.0.1", "tcp_lat")
                .await(15_000);
    }
}
