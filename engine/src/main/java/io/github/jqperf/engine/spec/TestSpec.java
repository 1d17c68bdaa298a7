package io.github.jqperf.engine.spec;

import io.github.jqperf.engine.spec.TestKind;

/**
 * An immutable, validated description of one test run for library users: the test and its parameters (qperf's
 * per-test defaults applied to whatever was not set). Build it with {@link #builder(TestKind)}.
 *
 * <pre>{@code
 * TestSpec spec = TestSpec.builder(TestKind.TCP_BW).timeSeconds(5).msgSizeBytes(16 * 1024).build();
 * }</pre>
 *
 * @param kind   the test
 * @param params the parameters, defaults applied; a defensive copy is returned by {@link #params()}
 */
public record TestSpec(TestKind kind, ParamSet params) {
    /** Copies the parameters. */
    public TestSpec {
        params = Requests.withDefaults(kind, params);
    }

    @Override
    public ParamSet params() {
        return params.copy();
    }

    /** A builder for {@code kind} with qperf's defaults. */
    public static Builder builder(final TestKind kind) {
        return new Builder(kind);
    }

    /** Builds a {@link TestSpec}; each setter names the qperf option it mirrors. Not thread-safe. */
    public static final class Builder {
        private final TestKind kind;
        private final ParamSet params = new ParamSet();

        private Builder(final TestKind kind) {
            this.kind = kind;
        }

        /** {@code -t}: test duration in seconds (0 = until the peer closes). */
        public Builder timeSeconds(final long seconds) {
            params.set(Param.TIME, requireU32(seconds, "-t/--time"), "-t");
            return this;
        }

        /** {@code -m}: message size in bytes (must be positive for measurement tests). */
        public Builder msgSizeBytes(final long bytes) {
            params.set(Param.MSG_SIZE, requireU32(bytes, "-m/--msg_size"), "-m");
            return this;
        }

        /** {@code -to}: per-message control timeout in seconds. */
        public Builder timeoutSeconds(final long seconds) {
            params.set(Param.TIMEOUT, requireU32(seconds, "-to/--timeout"), "-to");
            return this;
        }

        /** {@code -ip}: the server's data port (0 = ephemeral). */
        public Builder dataPort(final int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("-ip/--ip_port must be 0..65535, got " + port);
            }
            params.set(Param.PORT, port, "-ip");
            return this;
        }

        /** {@code -rsb}: SO_SNDBUF/SO_RCVBUF of the server's data socket in bytes (0 = system default). */
        public Builder sockBufSizeBytes(final long bytes) {
            params.set(Param.SOCK_BUF_SIZE, requireU32(bytes, "-sb/--sock_buf_size"), "-sb");
            return this;
        }

        /** {@code -ar}: the bandwidth receiver reads every received byte. */
        public Builder accessRecv(final boolean on) {
            params.set(Param.ACCESS_RECV, on ? 1 : 0, "-ar");
            return this;
        }

        /** {@code -lca}: pin the client to CPU {@code cpu} (0-based; qperf's option value is cpu + 1). */
        public Builder localCpu(final int cpu) {
            params.setLocal(Param.AFFINITY, requireU32(cpu + 1L, "-lca"), "-lca");
            return this;
        }

        /** {@code -rca}: pin the server to CPU {@code cpu} (0-based; qperf's option value is cpu + 1). */
        public Builder remoteCpu(final int cpu) {
            params.setRemote(Param.AFFINITY, requireU32(cpu + 1L, "-rca"), "-rca");
            return this;
        }

        /** Validates and builds. */
        public TestSpec build() {
            if (kind.isMeasurement() && params.isSet(Param.MSG_SIZE) && params.local(Param.MSG_SIZE) == 0) {
                throw new IllegalArgumentException("-m/--msg_size must be positive for " + kind.qperfName());
            }
            return new TestSpec(kind, params);
        }

        private static long requireU32(final long v, final String option) {
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException(option + " must be 0.." + 0xFFFF_FFFFL + ", got " + v);
            }
            return v;
        }
    }
}
