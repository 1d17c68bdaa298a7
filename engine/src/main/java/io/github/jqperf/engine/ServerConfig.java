package io.github.jqperf.engine;

import io.github.jqperf.engine.cpu.CpuSampler;
import io.github.jqperf.engine.error.InvalidSpecException;
import io.github.jqperf.engine.spec.QperfDefaults;
import java.net.InetAddress;
import java.util.function.Consumer;

/**
 * How a {@link QperfServer} runs.
 *
 * <ul>
 * <li>{@code listenPort()}: control port ({@code -lp}); 0 picks a free port (tests)</li>
 * <li>{@code bindAddress()}: address the control listener and the data sockets bind; null = wildcard, dual stack where IPv6 exists (the data sockets then follow the client's family, as qperf's)</li>
 * <li>{@code requestTimeoutSec()}: deadline for receiving each request ({@code -lto}, default 5)</li>
 * <li>{@code allowEpoll()}: false forces Netty NIO</li>
 * <li>{@code sampler()}: CPU snapshot source; null = OSHI</li>
 * <li>{@code log()}: receives the server's one-line messages (what qperf prints on the server's stdout)</li>
 * <li>{@code pollMode()}: how the data path waits for I/O (default {@link DataPathMode#BLOCK})</li>
 * <li>{@code limits()}: what clients may ask for and how many may wait ({@link Limits}; docs/operations.md)</li>
 * </ul>
 */
public final class ServerConfig {
    private final int listenPort;
    private final InetAddress bindAddress;
    private final long requestTimeoutSec;
    private final boolean allowEpoll;
    private final CpuSampler sampler;
    private final Consumer<String> log;
    private final DataPathMode pollMode;
    private final Limits limits;

    /**
     * What a server accepts from its clients (jqperf-only; {@link #NONE} = qperf's behaviour plus the fixed
     * per-phase cap of {@code ServerExchange}).
     *
     * @param maxTimeSec longest test time served ({@code --max-time}); 0 = no limit. With a limit, a request for
     *                   time 0 (qperf's "until stopped") is refused too
     * @param maxMsgSize largest message size served ({@code --max-msg-size}); 0 = no limit
     * @param allow      the sources served ({@code --allow}); {@link AllowList#ANY} by default
     * @param queue      how many clients may wait while a test runs ({@code --queue}, default
     *                   {@value #DEFAULT_QUEUE}); more are refused at once with the error signal
     * @param idleSec    a run in which nothing arrived from the client for this long ends, logged and told to the
     *                   client ({@code --idle-limit}, default {@value #DEFAULT_IDLE_SEC}: the per-phase cap)
     */
    public record Limits(long maxTimeSec, long maxMsgSize, AllowList allow, int queue, long idleSec) {
        /** No limits, the default queue and idle limit. */
        public static final Limits NONE = new Limits(0, 0, AllowList.ANY, DEFAULT_QUEUE);

        /** As the canonical constructor, with the default idle limit {@value ServerConfig#DEFAULT_IDLE_SEC} s. */
        public Limits(final long maxTimeSec, final long maxMsgSize, final AllowList allow, final int queue) {
            this(maxTimeSec, maxMsgSize, allow, queue, DEFAULT_IDLE_SEC);
        }

        /** Checks the values. */
        public Limits {
            if (maxTimeSec < 0) {
                throw new InvalidSpecException("--max-time must be >= 0, got " + maxTimeSec);
            }
            if (maxMsgSize < 0) {
                throw new InvalidSpecException("--max-msg-size must be >= 0, got " + maxMsgSize);
            }
            if (queue < 0) {
                throw new InvalidSpecException("--queue must be >= 0, got " + queue);
            }
            if (idleSec < 1 || idleSec > MAX_IDLE_SEC) {
                throw new InvalidSpecException("--idle-limit must be 1.." + MAX_IDLE_SEC + " s, got " + idleSec);
            }
            allow = allow == null ? AllowList.ANY : allow;
        }
    }

    /** How many clients wait while a test runs unless {@code --queue} says otherwise. */
    public static final int DEFAULT_QUEUE = 8;

    /** How long a run goes on with nothing from its client unless {@code --idle-limit} says otherwise. */
    public static final long DEFAULT_IDLE_SEC = 30;

    /** The longest {@code --idle-limit}. */
    public static final long MAX_IDLE_SEC = 86_400;

    private ServerConfig(
            int listenPort,
            InetAddress bindAddress,
            long requestTimeoutSec,
            boolean allowEpoll,
            CpuSampler sampler,
            Consumer<String> log,
            DataPathMode pollMode) {
        this(listenPort, bindAddress, requestTimeoutSec, allowEpoll, sampler, log, pollMode, Limits.NONE);
    }

    private ServerConfig(
            int listenPort,
            InetAddress bindAddress,
            long requestTimeoutSec,
            boolean allowEpoll,
            CpuSampler sampler,
            Consumer<String> log,
            DataPathMode pollMode,
            Limits limits) {
        if (listenPort < 0 || listenPort > 65535) {
            throw new InvalidSpecException("listen port must be 0..65535 (-lp), got " + listenPort);
        }
        if (requestTimeoutSec < 0) {
            throw new InvalidSpecException("request timeout must be >= 0 (-lto), got " + requestTimeoutSec);
        }
        log = log == null ? line -> {} : log;
        pollMode = pollMode == null ? DataPathMode.BLOCK : pollMode;
        this.listenPort = listenPort;
        this.bindAddress = bindAddress;
        this.requestTimeoutSec = requestTimeoutSec;
        this.allowEpoll = allowEpoll;
        this.sampler = sampler;
        this.log = log;
        this.pollMode = pollMode;
        this.limits = limits == null ? Limits.NONE : limits;
    }

    /** qperf's defaults: port 19765, 5 s request timeout, epoll, OSHI, no log. */
    public static ServerConfig defaults() {
        return new ServerConfig(
                QperfDefaults.LISTEN_PORT, null, QperfDefaults.TIMEOUT_SECONDS, true, null, null, DataPathMode.BLOCK);
    }

    /** With another listen port. */
    public ServerConfig withListenPort(final int port) {
        return new ServerConfig(port, bindAddress, requestTimeoutSec, allowEpoll, sampler, log, pollMode, limits);
    }

    /** With another bind address. */
    public ServerConfig withBindAddress(final InetAddress address) {
        return new ServerConfig(listenPort, address, requestTimeoutSec, allowEpoll, sampler, log, pollMode, limits);
    }

    /** With another request timeout. */
    public ServerConfig withRequestTimeoutSec(final long seconds) {
        return new ServerConfig(listenPort, bindAddress, seconds, allowEpoll, sampler, log, pollMode, limits);
    }

    /** With or without epoll. */
    public ServerConfig withAllowEpoll(final boolean allow) {
        return new ServerConfig(listenPort, bindAddress, requestTimeoutSec, allow, sampler, log, pollMode, limits);
    }

    /** With a CPU sampler. */
    public ServerConfig withSampler(final CpuSampler s) {
        return new ServerConfig(listenPort, bindAddress, requestTimeoutSec, allowEpoll, s, log, pollMode, limits);
    }

    /** With a poll mode ({@code --busy-poll}). */
    public ServerConfig withPollMode(final DataPathMode mode) {
        return new ServerConfig(listenPort, bindAddress, requestTimeoutSec, allowEpoll, sampler, log, mode, limits);
    }

    /** With a log sink. */
    public ServerConfig withLog(final Consumer<String> sink) {
        return new ServerConfig(
                listenPort, bindAddress, requestTimeoutSec, allowEpoll, sampler, sink, pollMode, limits);
    }

    /** With other client limits (time, message size, allowed sources, queue). */
    public ServerConfig withLimits(final Limits l) {
        return new ServerConfig(listenPort, bindAddress, requestTimeoutSec, allowEpoll, sampler, log, pollMode, l);
    }

    /** See {@link Limits}. */
    public Limits limits() {
        return limits;
    }

    /** See the class description. */
    public int listenPort() {
        return listenPort;
    }

    /** See the class description. */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** See the class description. */
    public long requestTimeoutSec() {
        return requestTimeoutSec;
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
    public Consumer<String> log() {
        return log;
    }

    /** See the class description. */
    public DataPathMode pollMode() {
        return pollMode;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ServerConfig o
                && listenPort == o.listenPort
                && java.util.Objects.equals(bindAddress, o.bindAddress)
                && requestTimeoutSec == o.requestTimeoutSec
                && allowEpoll == o.allowEpoll
                && java.util.Objects.equals(sampler, o.sampler)
                && java.util.Objects.equals(log, o.log)
                && java.util.Objects.equals(pollMode, o.pollMode)
                && limits.equals(o.limits);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(
                listenPort, bindAddress, requestTimeoutSec, allowEpoll, sampler, log, pollMode, limits);
    }

    @Override
    public String toString() {
        return "ServerConfig[" + "listenPort=" + listenPort + ", " + "bindAddress=" + bindAddress + ", "
                + "requestTimeoutSec=" + requestTimeoutSec + ", " + "allowEpoll=" + allowEpoll + ", " + "sampler="
                + sampler + ", " + "log=" + log + ", " + "pollMode=" + pollMode + ", limits=" + limits + "]";
    }
}
