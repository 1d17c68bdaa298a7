package io.github.jqperf.engine;

import io.github.jqperf.engine.transport.PollMode;

/**
 * How the data path waits for I/O during a test ({@link ClientConfig#withPollMode}, {@link ServerConfig#withPollMode}).
 * The default, {@link #BLOCK}, is qperf's way and the one whose CPU figures mean what qperf's mean.
 */
public enum DataPathMode {
    /**
     * qperf's way: blocking socket calls, one {@code read}/{@code write} per message and nothing else, on the
     * event-loop thread. Without native epoll the data path falls back to {@link #EPOLL}'s behaviour.
     */
    BLOCK(PollMode.BLOCK),
    /** Netty's event loop throughout: non-blocking calls, blocking in {@code epoll_wait} when idle. */
    EPOLL(PollMode.EPOLL),
    /**
     * Netty's event loop; latency tests poll without blocking for a few tens of microseconds before they block
     * (adaptively); bandwidth tests block.
     */
    SPIN_THEN_BLOCK(PollMode.SPIN_THEN_BLOCK),
    /**
     * {@code --busy-poll}: latency tests never block (a whole CPU per side while they run); bandwidth tests and an
     * idle server block.
     */
    BUSY_POLL(PollMode.BUSY_POLL);

    private final PollMode pollMode;

    DataPathMode(final PollMode pollMode) {
        this.pollMode = pollMode;
    }

    /** The transport's mode (internal). */
    PollMode pollMode() {
        return pollMode;
    }
}
