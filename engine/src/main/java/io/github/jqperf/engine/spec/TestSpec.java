package io.github.jqperf.engine.spec;

import io.github.jqperf.engine.error.InvalidSpecException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An immutable, validated description of one test run: the test and its parameters, with qperf's per-test defaults
 * ({@link TestKind#applyDefaults(ParamSet)}) applied to whatever was not set. Covers every test, conf and quit
 * included. Build it with {@link #builder(TestKind)}:
 *
 * <pre>{@code
 * TestSpec spec = TestSpec.builder(TestKind.TCP_BW).timeSeconds(5).msgSizeBytes(16 * 1024).build();
 * }</pre>
 *
 * <p>The accessors answer the client's own (local) copy of each parameter unless they say otherwise; the copies
 * sent to the server are in {@link #params()}.
 */
public final class TestSpec {
    private static final long U32_MAX = 0xFFFF_FFFFL;

    private final TestKind kind;
    private final ParamSet params;
    private final MeasureOptions options;

    private TestSpec(final TestKind kind, final ParamSet params, final MeasureOptions options) {
        this.kind = kind;
        this.params = params;
        this.options = options;
    }

    /** A builder for {@code kind}; whatever it leaves unset gets qperf's default. */
    public static Builder builder(final TestKind kind) {
        return new Builder(Objects.requireNonNull(kind, "kind"));
    }

    /**
     * A spec from a complete parameter set, e.g. one a qperf command line produced (RDMA-only parameters included:
     * they travel in the REQ as a stock client sends them). Values are taken as qperf takes them (unsigned 32-bit);
     * only what no test could run with is rejected.
     *
     * @param kind   the test
     * @param params the parameters (copied; defaults are applied to the copy)
     * @return the spec
     * @throws InvalidSpecException when a measurement test's message size is 0
     */
    public static TestSpec of(final TestKind kind, final ParamSet params) {
        Objects.requireNonNull(kind, "kind");
        final ParamSet p = kind.withDefaults(Objects.requireNonNull(params, "params"));
        if (kind.isMeasurement() && p.local(Param.MSG_SIZE) == 0) {
            throw new InvalidSpecException("message size must be positive for " + kind.qperfName() + "; use -m");
        }
        return new TestSpec(kind, p, MeasureOptions.NONE);
    }

    /** What the run records beyond qperf's figures ({@link MeasureOptions#NONE} by default). */
    public MeasureOptions options() {
        return options;
    }

    /** This spec recording {@code options} beyond qperf's figures. */
    public TestSpec withOptions(final MeasureOptions options) {
        return new TestSpec(kind, params, Objects.requireNonNull(options, "options"));
    }

    /** The test. */
    public TestKind kind() {
        return kind;
    }

    /** A copy of every parameter, local and remote copies, defaults applied (what the REQ is built from). */
    public ParamSet params() {
        return params.copy();
    }

    /** Test duration in seconds (0 = until stopped, which is what qperf does after {@code -n}). */
    public long timeSeconds() {
        return params.local(Param.TIME);
    }

    /** Message size in bytes (0 for conf and quit unless set). */
    public long msgSizeBytes() {
        return params.local(Param.MSG_SIZE);
    }

    /** The client's per-message control timeout in seconds. */
    public long timeoutSeconds() {
        return params.local(Param.TIMEOUT);
    }

    /** The server's per-message control timeout in seconds (sent in the REQ). */
    public long remoteTimeoutSeconds() {
        return params.remote(Param.TIMEOUT);
    }

    /** The data port the server is asked to use (0 = any). */
    public long dataPort() {
        return params.remote(Param.PORT);
    }

    /** SO_SNDBUF/SO_RCVBUF the server is asked to set on its data socket (0 = system default). */
    public long sockBufSizeBytes() {
        return params.remote(Param.SOCK_BUF_SIZE);
    }

    /** Whether the bandwidth receiver (the server) reads every received byte. */
    public boolean accessRecv() {
        return params.remote(Param.ACCESS_RECV) != 0;
    }

    /** The CPU (0-based) the client pins itself to, if any. */
    public OptionalInt localCpu() {
        final long a = params.local(Param.AFFINITY);
        return a == 0 ? OptionalInt.empty() : OptionalInt.of((int) (a - 1));
    }

    /** The CPU (0-based) the server is asked to pin itself to, if any. */
    public OptionalInt remoteCpu() {
        final long a = params.remote(Param.AFFINITY);
        return a == 0 ? OptionalInt.empty() : OptionalInt.of((int) (a - 1));
    }

    /** qperf's {@code no_msgs} (0 = unset; no socket test implements it, and it suppresses the default time). */
    public long noMsgs() {
        return params.local(Param.NO_MSGS);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof TestSpec other
                && kind == other.kind
                && params.equals(other.params)
                && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + params.hashCode()) * 31 + options.hashCode();
    }

    @Override
    public String toString() {
        return "TestSpec[" + kind.qperfName() + " " + params
                + (options.equals(MeasureOptions.NONE) ? "" : " " + options) + "]";
    }

    /**
     * Builds a {@link TestSpec}. Each setter validates its value at once ({@link InvalidSpecException}, naming the
     * qperf option it mirrors); {@link #build()} checks the combination. Not thread-safe.
     */
    public static final class Builder {
        private final TestKind kind;
        private final ParamSet params = new ParamSet();
        private MeasureOptions options = MeasureOptions.NONE;

        private Builder(final TestKind kind) {
            this.kind = kind;
        }

        /** Test duration in seconds (qperf's {@code -t}; 0 = run until stopped). */
        public Builder timeSeconds(final long seconds) {
            params.set(Param.TIME, requireU32(seconds, "time (-t)"));
            return this;
        }

        /** Message size in bytes (qperf's {@code -m}); must be positive for the measurement tests. */
        public Builder msgSizeBytes(final long bytes) {
            params.set(Param.MSG_SIZE, requireU32(bytes, "message size (-m)"));
            return this;
        }

        /** Per-message control timeout in seconds on both sides (qperf's {@code -to}). */
        public Builder timeoutSeconds(final long seconds) {
            params.set(Param.TIMEOUT, requireU32(seconds, "timeout (-to)"));
            return this;
        }

        /** The client's own control timeout in seconds only (qperf's {@code -lto}). */
        public Builder localTimeoutSeconds(final long seconds) {
            params.setLocal(Param.TIMEOUT, requireU32(seconds, "local timeout (-lto)"));
            return this;
        }

        /** The server's control timeout in seconds only (qperf's {@code -rto}). */
        public Builder remoteTimeoutSeconds(final long seconds) {
            params.setRemote(Param.TIMEOUT, requireU32(seconds, "remote timeout (-rto)"));
            return this;
        }

        /** The server's data port (qperf's {@code -ip}; 0 = any free port). */
        public Builder dataPort(final int port) {
            if (port < 0 || port > 65535) {
                throw new InvalidSpecException("data port (-ip) must be 0..65535, got " + port);
            }
            params.set(Param.PORT, port);
            return this;
        }

        /**
         * SO_SNDBUF and SO_RCVBUF of the server's data socket in bytes (qperf's {@code -sb}; 0 = system default).
         * Only the server applies it, as in qperf.
         */
        public Builder sockBufSizeBytes(final long bytes) {
            params.set(Param.SOCK_BUF_SIZE, requireU32(bytes, "socket buffer size (-sb)"));
            return this;
        }

        /** Whether the bandwidth receiver reads every received byte (qperf's {@code -ar}). */
        public Builder accessRecv(final boolean on) {
            params.set(Param.ACCESS_RECV, on ? 1 : 0);
            return this;
        }

        /** Pins the client to CPU {@code cpu}, 0-based (qperf's {@code -lca cpu+1}). */
        public Builder localCpu(final int cpu) {
            params.setLocal(Param.AFFINITY, requireCpu(cpu, "local CPU (-lca)"));
            return this;
        }

        /** Asks the server to pin itself to CPU {@code cpu}, 0-based (qperf's {@code -rca cpu+1}). */
        public Builder remoteCpu(final int cpu) {
            params.setRemote(Param.AFFINITY, requireCpu(cpu, "remote CPU (-rca)"));
            return this;
        }

        /** What the run records beyond qperf's figures (percentiles, usage scopes, intervals, pacing). */
        public Builder options(final MeasureOptions measureOptions) {
            this.options = Objects.requireNonNull(measureOptions, "options");
            return this;
        }

        /**
         * qperf's {@code -n}: a message count, which no socket test implements; setting it suppresses the default
         * duration, so without {@link #timeSeconds(long)} both sides run until stopped (as qperf does).
         */
        public Builder noMsgs(final long count) {
            params.set(Param.NO_MSGS, requireU32(count, "message count (-n)"));
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws InvalidSpecException when a measurement test's message size is 0
         */
        public TestSpec build() {
            if (kind.isMeasurement() && params.isSet(Param.MSG_SIZE) && params.local(Param.MSG_SIZE) == 0) {
                throw new InvalidSpecException(
                        "message size (-m) must be positive for " + kind.qperfName() + ", got 0");
            }
            return TestSpec.of(kind, params).withOptions(options);
        }

        private static long requireU32(final long v, final String what) {
            if (v < 0 || v > U32_MAX) {
                throw new InvalidSpecException(what + " must be 0.." + U32_MAX + ", got " + v);
            }
            return v;
        }

        private static long requireCpu(final int cpu, final String what) {
            if (cpu < 0) {
                throw new InvalidSpecException(what + " must be a CPU number >= 0, got " + cpu);
            }
            return cpu + 1L;
        }
    }
}
