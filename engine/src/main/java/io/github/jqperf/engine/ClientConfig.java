package io.github.jqperf.engine;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.spec.QperfDefaults;

/**
 * Where and how a {@link QperfClient} connects.
 *
 * @param host              server name or address literal, resolved for the control and the data connection
 * @param listenPort        the server's control port ({@code -lp}, default 19765)
 * @param waitServerSec     how long to keep retrying the connection, once a second ({@code -ws}, default 5; 0 =
 *                          one attempt)
 * @param allowEpoll        false forces Netty NIO
 * @param sampler           CPU snapshot source; null = OSHI
 * @param pollMode          how the data path waits for I/O (default {@link DataPathMode#BLOCK})
 */
public record ClientConfig(String host, int listenPort, long waitServerSec, boolean allowEpoll,
                           CpuSampler sampler, DataPathMode pollMode) {
    /** Validates the values. */
    public ClientConfig {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("server host is required");
        }
        if (listenPort < 1 || listenPort > 65535) {
            throw new IllegalArgumentException("listen port must be 1..65535 (-lp), got " + listenPort);
        }
        pollMode = pollMode == null ? DataPathMode.BLOCK : pollMode;
        if (waitServerSec < 0) {
            throw new IllegalArgumentException("wait time must be >= 0 (-ws), got " + waitServerSec);
        }
    }

    /** qperf's defaults for {@code host}. */
    public static ClientConfig of(final String host) {
        return new ClientConfig(host, QperfDefaults.LISTEN_PORT, QperfDefaults.WAIT_SERVER_SECONDS, true, null,
            DataPathMode.BLOCK);
    }

    /** With another control port. */
    public ClientConfig withListenPort(final int port) {
        return new ClientConfig(host, port, waitServerSec, allowEpoll, sampler, pollMode);
    }

    /** With another connect window. */
    public ClientConfig withWaitServerSec(final long seconds) {
        return new ClientConfig(host, listenPort, seconds, allowEpoll, sampler, pollMode);
    }

    /** With or without epoll. */
    public ClientConfig withAllowEpoll(final boolean allow) {
        return new ClientConfig(host, listenPort, waitServerSec, allow, sampler, pollMode);
    }

    /** With a poll mode ({@code --busy-poll}). */
    public ClientConfig withPollMode(final DataPathMode mode) {
        return new ClientConfig(host, listenPort, waitServerSec, allowEpoll, sampler, mode);
    }

    /** With a CPU sampler. */
    public ClientConfig withSampler(final CpuSampler s) {
        return new ClientConfig(host, listenPort, waitServerSec, allowEpoll, s, pollMode);
    }
}
