/**
 * jqperf's engine: a qperf 0.4.11-compatible client and server, the test specifications they run, their results
 * and qperf's text report.
 *
 * <p>Exported API: the facade ({@code io.github.jqperf.engine}), typed exceptions ({@code .error}), test
 * specifications ({@code .spec}), results ({@code .result}) and the text report ({@code .report}).
 * {@code .cpu} is exported for the {@code CpuSampler} SPI that {@code ClientConfig}/{@code ServerConfig} accept.
 * Everything else (wire codecs, control channel, transport drivers, local configuration) is internal.
 */
module io.github.jqperf.engine {
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.epoll;
    // OSHI 7.5 brings JNA as the jna-jpms artifact, whose module is com.sun.jna (CpuAffinity calls it directly)
    requires com.github.oshi;
    requires com.sun.jna;
    // LatencyDistribution carries its HdrHistogram (automatic module, named after the jar: no Automatic-Module-Name)
    requires transitive HdrHistogram;

    exports io.github.jqperf.engine;
    exports io.github.jqperf.engine.error;
    exports io.github.jqperf.engine.spec;
    exports io.github.jqperf.engine.result;
    exports io.github.jqperf.engine.report;
    exports io.github.jqperf.engine.cpu;
}
