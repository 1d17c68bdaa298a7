package io.github.jqperf.engine.spec;

/**
 * qperf 0.4.11's default values that do not depend on the test (docs/protocol.md §3.1, §9.3). The per-test message
 * sizes are {@link TestKind#defaultMsgSizeBytes()}; {@link TestKind#applyDefaults(ParamSet)} applies all of them.
 */
public final class QperfDefaults {
    /** The control port a server listens on and a client connects to ({@code -lp}). */
    public static final int LISTEN_PORT = 19765;
    /** Test duration ({@code -t}), unless {@code -n} was given. */
    public static final int TIME_SECONDS = 2;
    /** Per-message control timeout ({@code -to}); also a server's request timeout ({@code -lto}). */
    public static final int TIMEOUT_SECONDS = 5;
    /** How long a client keeps retrying the control connection ({@code -ws}). */
    public static final int WAIT_SERVER_SECONDS = 5;

    private QperfDefaults() {}
}
