/**
 * Pacing for a datagram sender (internal, pure; issue 10 "paced UDP"): {@link io.github.jqperf.engine.spec.PacingRate}
 * parses {@code --rate RATE}, {@link io.github.jqperf.engine.pacing.Pacer} is a token bucket that says "send now" or
 * "wait this long", and a {@link io.github.jqperf.engine.pacing.WaitStrategy} waits: {@link
 * io.github.jqperf.engine.pacing.ParkOrSpinWait} sleeps for long waits so a low rate does not burn a CPU. Time comes
 * from a {@link io.github.jqperf.engine.pacing.NanoClock}, so tests drive it by hand. Nothing allocates per message.
 */
package io.github.jqperf.engine.pacing;
