package io.github.jqperf.engine;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.error.InvalidSpecException;
import io.github.jqperf.engine.spec.QperfDefaults;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and how a {@link QperfClient} connects. Immutable: start from {@link #of(String)} and change one value at
 * a time with the {@code with...} methods, each returning a new config.
 *
 * @param host              server name or address literal, resolved for the control and the data connection
 * @param listenPort        the server's control port ({@code -lp}, default 19765)
 * @param waitServerSec     how long to keep retrying the connection, once a second ({@code -ws}, default 5; 0 =
 *                          one attempt)
 * @param allowEpoll        false forces Netty NIO
 * @param sampler           CPU snapshot source; null = OSHI
 * @param pollMode          how the data path waits for I/O (default {@link DataPathMode#BLOCK})
 * @param listeners         told about every test run with {@link QperfClient#run} / {@link QperfClient#runAsync}
 *                          (an unmodifiable copy; empty by default)
 */
public record ClientConfig(
        String host,
        int listenPort,
        long waitServerSec,
        boolean allowEpoll,
        CpuSampler sampler,
        DataPathMode pollMode,
        List<TestListener> listeners) {
    /**
     * Validates the values.
     *
     * @throws InvalidSpecException when a value is out of range
     */
    public ClientConfig {
        if (host == null || host.isEmpty()) {
            throw new InvalidSpecException("server host is required");
        }
        if (listenPort < 1 || listenPort > 65535) {
            throw new InvalidSpecException("listen port must be 1..65535 (-lp), got " + listenPort);
        }
        pollMode = pollMode == null ? DataPathMode.BLOCK : pollMode;
        if (waitServerSec < 0) {
            throw new InvalidSpecException("wait time must be >= 0 (-ws), got " + waitServerSec);
        }
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
    }

    /** A config without listeners. */
    public ClientConfig(
            final String host,
            final int listenPort,
            final long waitServerSec,
            final boolean allowEpoll,
            final CpuSampler sampler,
            final DataPathMode pollMode) {
        this(host, listenPort, waitServerSec, allowEpoll, sampler, pollMode, List.of());
    }

    /** qperf's defaults for {@code host}. */
    public static ClientConfig of(final String host) {
        return new ClientConfig(
                host,
                QperfDefaults.LISTEN_PORT,
                QperfDefaults.WAIT_SERVER_SECONDS,
                true,
                null,
                DataPathMode.BLOCK,
                List.of());
    }

    /** With another control port. */
    public ClientConfig withListenPort(final int port) {
        return new ClientConfig(host, port, waitServerSec, allowEpoll, sampler, pollMode, listeners);
    }

    /** With another connect window. */
    public ClientConfig withWaitServerSec(final long seconds) {
        return new ClientConfig(host, listenPort, seconds, allowEpoll, sampler, pollMode, listeners);
    }

    /** With or without epoll. */
    public ClientConfig withAllowEpoll(final boolean allow) {
        return new ClientConfig(host, listenPort, waitServerSec, allow, sampler, pollMode, listeners);
    }

    /** With a poll mode ({@code --busy-poll}). */
    public ClientConfig withPollMode(final DataPathMode mode) {
        return new ClientConfig(host, listenPort, waitServerSec, allowEpoll, sampler, mode, listeners);
    }

    /** With a CPU sampler. */
    public ClientConfig withSampler(final CpuSampler s) {
        return new ClientConfig(host, listenPort, waitServerSec, allowEpoll, s, pollMode, listeners);
    }

    /** With {@code listener} added after the ones already there. */
    public ClientConfig withListener(final TestListener listener) {
        if (listener == null) {
            throw new InvalidSpecException("listener is required");
        }
        final List<TestListener> all = new ArrayList<>(listeners);
        all.add(listener);
        return new ClientConfig(host, listenPort, waitServerSec, allowEpoll, sampler, pollMode, all);
    }
}
