package io.github.jqperf.engine.result;

import java.util.OptionalDouble;

/**
 * One udp_bw run of a {@code --find-rate} search.
 *
 * @param rateBitsPerSec the pacing rate it ran at, payload bits/s; 0 = unpaced (qperf's flood, the ceiling probe)
 * @param timeSeconds    its {@code -t}
 * @param result         its typed result (send and receive bandwidth, both STATs)
 * @param accepted       whether its loss was within the search's threshold
 */
public record RateProbe(long rateBitsPerSec, long timeSeconds, SendRecvBandwidthResult result, boolean accepted) {
    /** The probe's loss ({@link SendRecvBandwidthResult#lossFraction()}). */
    public OptionalDouble lossFraction() {
        return result.lossFraction();
    }
}
