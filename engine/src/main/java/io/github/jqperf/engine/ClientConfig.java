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
 * <ul>
 * <li>{@code host()}: server name or address literal, resolved for the control and the data connection</li>
 * <li>{@code listenPort()}: the server's control port ({@code -lp}, default 19765)</li>
 * <li>{@code waitServerSec()}: how long to keep retrying the connection, once a second ({@code -ws}, default 5; 0 = one attempt)</li>
 * <li>{@code allowEpoll()}: false forces Netty NIO</li>
 * <li>{@code sampler()}: CPU snapshot source; null = OSHI</li>
 * <li>{@code pollMode()}: how the data path waits for I/O (default {@link DataPathMode#BLOCK})</li>
 * <li>{@code listeners()}: told about every test run with {@link QperfClient#run} / {@link QperfClient#runAsync} (an unmodifiable copy; empty by default)</li>
 * </ul>
 */
public final class ClientConfig {
    private final String host;
    private final int listenPort;
    private final long waitServerSec;
    private final boolean allowEpoll;
    private final CpuSampler sampler;
    private final DataPathMode pollMode;
    private final List<TestListener> listeners;

    private ClientConfig(
            String host,
            int listenPort,
            long waitServerSec,
            boolean allowEpoll,
            CpuSampler sampler,
            DataPathMode pollMode,
            List<TestListener> listeners) {
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
        this.host = host;
        this.listenPort = listenPort;
        this.waitServerSec = waitServerSec;
        this.allowEpoll = allowEpoll;
        this.sampler = sampler;
        this.pollMode = pollMode;
        this.listeners = listeners;
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

    /** See the class description. */
    public String host() {
        return host;
    }

    /** See the class description. */
    public int listenPort() {
        return listenPort;
    }

    /** See the class description. */
    public long waitServerSec() {
        return waitServerSec;
    }

    /** See the class description. */
    public boolean allowEpoll() {
        return allowEpoll;
    }

    /** See the class description. */
    public CpuSampler sampler() {
        return sampler;
    }

    /** See the class description. */
    public DataPathMode pollMode() {
        return pollMode;
    }

    /** See the class description. */
    public List<TestListener> listeners() {
        return listeners;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ClientConfig o
                && java.util.Objects.equals(host, o.host)
                && listenPort == o.listenPort
                && waitServerSec == o.waitServerSec
                && allowEpoll == o.allowEpoll
                && java.util.Objects.equals(sampler, o.sampler)
                && java.util.Objects.equals(pollMode, o.pollMode)
                && java.util.Objects.equals(listeners, o.listeners);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(host, listenPort, waitServerSec, allowEpoll, sampler, pollMode, listeners);
    }

    @Override
    public String toString() {
        return "ClientConfig[" + "host=" + host + ", " + "listenPort=" + listenPort + ", " + "waitServerSec="
                + waitServerSec + ", " + "allowEpoll=" + allowEpoll + ", " + "sampler=" + sampler + ", " + "pollMode="
                + pollMode + ", " + "listeners=" + listeners + "]";
    }
}
