package io.github.jqperf.engine.wire;

import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;

/** Builds the REQ a stock client sends for a test and a parameter set (the remote copies, docs/protocol.md §3.1). */
public final class Requests {
    private Requests() {}

    /**
     * The REQ for {@code kind}: version 0.4.11, the test's index, and every remote parameter copy as it stands
     * (callers apply the per-test defaults first, {@link TestKind#applyDefaults(ParamSet)}, as qperf does).
     */
    public static Request of(final TestKind kind, final ParamSet params) {
        return new Request(
                WireConstants.VERSION_MAJOR,
                WireConstants.VERSION_MINOR,
                WireConstants.VERSION_INC,
                kind.requestIndex(),
                params.remote(Param.ACCESS_RECV),
                params.remote(Param.AFFINITY),
                params.remote(Param.ALT_PORT),
                params.remote(Param.FLIP),
                params.remote(Param.MSG_SIZE),
                params.remote(Param.MTU_SIZE),
                params.remote(Param.NO_MSGS),
                params.remote(Param.POLL_MODE),
                params.remote(Param.PORT),
                params.remote(Param.RD_ATOMIC),
                params.remote(Param.SL),
                params.remote(Param.SOCK_BUF_SIZE),
                params.remote(Param.SRC_PATH_BITS),
                params.remote(Param.TIME),
                params.remote(Param.TIMEOUT),
                params.remote(Param.USE_CM),
                params.remoteText(Param.ID),
                params.remoteText(Param.STATIC_RATE));
    }
}
