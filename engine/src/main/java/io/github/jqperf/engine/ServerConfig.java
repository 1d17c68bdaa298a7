package io.github.jqperf.engine;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.error.InvalidSpecException;
import io.github.jqperf.engine.spec.QperfDefaults;
import java.net.InetAddress;
import java.util.function.Consumer;

/**
 * How a {@link QperfServer} runs.
 *
 * @param listenPort        control port ({@code -lp}); 0 picks a free port (tests)
 * @param bindAddress       address the control listener and the data sockets bind; null = wildcard, dual stack
 *                          where IPv6 exists (the data sockets then follow the client's family, as qperf's)
 * @param requestTimeoutSec deadline for receiving each request ({@code -lto}, default 5)
 * @param allowEpoll        false forces Netty NIO
 * @param sampler           CPU snapshot source; null = OSHI
 * @param log               receives the server's one-line messages (what qperf prints on the server's stdout)
 * @param pollMode          how the data path waits for I/O (default {@link DataPathMode#BLOCK})
 */
public record ServerConfig(
        int listenPort,
        InetAddress bindAddress,
        long requestTimeoutSec,
        boolean allowEpoll,
        CpuSampler sampler,
        Consumer<String> log,
        DataPathMode pollMode) {

    /** Validates the values ({@link InvalidSpecException} when out of range). */
    public ServerConfig {
        if (listenPort < 0 || listenPort > 65535) {
            throw new InvalidSpecException("listen port must be 0..65535 (-lp), got " + listenPort);
        }
        if (requestTimeoutSec < 0) {
            throw new InvalidSpecException("request timeout must be >= 0 (-lto), got " + requestTimeoutSec);
        }
        log = log == null ? line -> {} : log;
        pollMode = pollMode == null ? DataPathMode.BLOCK : pollMode;
    }

    /** qperf's defaults: port 19765, 5 s request timeout, epoll, OSHI, no log. */
    public static ServerConfig defaults() {
        return new ServerConfig(
                QperfDefaults.LISTEN_PORT, null, QperfDefaults.TIMEOUT_SECONDS, true, null, null, DataPathMode.BLOCK);
    }

    /** With another listen port. */
    public ServerConfig withListenPort(final int port) {
        return new ServerConfig(port, bindAddress, requestTimeoutSec, allowEpoll, sampler, log, pollMode);
    }

    /** With another bind address. */
    public ServerConfig withBindAddress(final InetAddress address) {
        return new ServerConfig(listenPort, address, requestTimeoutSec, allowEpoll, sampler, log, pollMode);
    }

    /** With another request timeout. */
    public ServerConfig withRequestTimeoutSec(final long seconds) {
        return new ServerConfig(listenPort, bindAddress, seconds, allowEpoll, sampler, log, pollMode);
    }

    /** With or without epoll. */
    public ServerConfig withAllowEpoll(final boolean allow) {
        return new ServerConfig(listenPort, bindAddress, requestTimeoutSec, allow, sampler, log, pollMode);
    }

    /** With a CPU sampler. */
    public ServerConfig withSampler(final CpuSampler s) {
        return new ServerConfig(listenPort, bindAddress, requestTimeoutSec, allowEpoll, s, log, pollMode);
    }

    /** With a poll mode ({@code --busy-poll}). */
    public ServerConfig withPollMode(final DataPathMode mode) {
        return new ServerConfig(listenPort, bindAddress, requestTimeoutSec, allowEpoll, sampler, log, mode);
    }

    /** With a log sink. */
    public ServerConfig withLog(final Consumer<String> sink) {
        return new ServerConfig(listenPort, bindAddress, requestTimeoutSec, allowEpoll, sampler, sink, pollMode);
    }
}
