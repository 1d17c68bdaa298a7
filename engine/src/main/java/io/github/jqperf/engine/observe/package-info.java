/**
 * What a run records beyond qperf's counters (docs/latency.md): the client's timed round trips of tcp_lat and
 * udp_lat ({@link io.github.jqperf.engine.observe.RoundTripRecorder}, fed by the transport drivers) and the
 * interval samples of a running test ({@link io.github.jqperf.engine.observe.IntervalSampler}, a thread of its
 * own). Internal: the results reach callers as {@link io.github.jqperf.engine.result.Observations}.
 */
package io.github.jqperf.engine.observe;
