/**
 * qperf's control-connection exchanges (internal): {@link io.github.jqperf.engine.protocol.ClientExchange} and
 * {@link io.github.jqperf.engine.protocol.ServerExchange} carry one test each over a
 * {@link io.github.jqperf.engine.control.ControlChannel}, with the data path, CPU sampler and clock passed in; an
 * {@link io.github.jqperf.engine.protocol.Abort} ends an exchange from any thread. The public facade
 * ({@code QperfClient}, {@code QperfServer}) owns configuration, lifecycle and threads around them.
 */
package io.github.jqperf.engine.protocol;
