package io.github.jqperf.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jqperf.cli.args.JqperfExtras;
import io.github.jqperf.cli.args.Step;
import io.github.jqperf.engine.result.BandwidthResult;
import io.github.jqperf.engine.result.Conf;
import io.github.jqperf.engine.result.LatencyResult;
import io.github.jqperf.engine.result.Loss;
import io.github.jqperf.engine.result.NodeResult;
import io.github.jqperf.engine.result.Result;
import io.github.jqperf.engine.result.SendRecvBandwidthResult;
import io.github.jqperf.engine.result.Stat;
import io.github.jqperf.engine.result.Ustat;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import java.math.BigInteger;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The entries of the JSON document's {@code runs} array, built from a test run and its result (pure: no I/O).
 * Every figure is in base units, named with its unit (bytes per second, seconds, messages per second, CPUs,
 * seconds per 10^9 bytes); docs/json.md lists them.
 */
final class JsonRuns {
    private final ObjectMapper mapper;

    JsonRuns(final ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The entry of a run before it ran: test, iteration, server, parameters, jqperf options, warnings. */
    ObjectNode run(final Step.RunTest t) {
        final ObjectNode run = mapper.createObjectNode();
        run.put("test", t.testName());
        run.put("kind", t.kind().qperfName());
        run.put("iteration", t.iteration());
        run.put("iterations", t.iterations());
        final ObjectNode server = run.putObject("server");
        server.put("host", t.host());
        server.put("port", t.listenPort());
        server.put("loopback", t.loopback());
        server.put("waitSeconds", t.waitServerSeconds());
        final ObjectNode spec = run.putObject("spec");
        final ParamSet p = t.params();
        spec.set("local", params(p, false));
        spec.set("remote", params(p, true));
        final ObjectNode options = spec.putObject("jqperfOptions");
        for (final Map.Entry<JqperfExtras.Option, String> e : t.extras().given().entrySet()) {
            options.put(e.getKey().optionName(), e.getValue());
        }
        final ArrayNode warnings = run.putArray("warnings");
        t.warnings().forEach(warnings::add);
        return run;
    }

    /** One copy of every parameter, by qperf's name: numbers (bytes, seconds, counts) or, for ids, text. */
    private ObjectNode params(final ParamSet p, final boolean remote) {
        final ObjectNode o = mapper.createObjectNode();
        for (final Param param : Param.values()) {
            if (param.kind() == Param.Kind.STRING) {
                o.put(param.qperfName(), remote ? p.remoteText(param) : p.localText(param));
            } else {
                o.put(param.qperfName(), remote ? p.remote(param) : p.local(param));
            }
        }
        return o;
    }

    /** Adds a measurement's figures, node values, raw STATs and observations to {@code run}. */
    void measured(final ObjectNode run, final Result r) {
        final ObjectNode res = run.putObject("results");
        if (r instanceof LatencyResult lat) {
            res.put("latencySeconds", lat.latencySeconds());
        }
        if (r instanceof BandwidthResult bw) {
            res.put("bandwidthBytesPerSecond", bw.bandwidthBytesPerSecond());
        }
        if (r instanceof SendRecvBandwidthResult sr) {
            res.put("sendBandwidthBytesPerSecond", sr.sendBandwidthBytesPerSecond());
            res.put("recvBandwidthBytesPerSecond", sr.recvBandwidthBytesPerSecond());
        }
        res.put("msgRatePerSecond", r.msgRatePerSecond());
        if (r instanceof BandwidthResult bw) {
            res.put("sendCostSecondsPerGB", bw.sendCostSecondsPerGB());
            res.put("recvCostSecondsPerGB", bw.recvCostSecondsPerGB());
        }
        if (r instanceof SendRecvBandwidthResult sr) {
            res.put("sendCostSecondsPerGB", sr.sendCostSecondsPerGB());
            res.put("recvCostSecondsPerGB", sr.recvCostSecondsPerGB());
            final OptionalDouble loss = lossPercent(r);
            if (loss.isPresent()) {
                res.put("lossPercent", loss.getAsDouble());
            } else {
                res.putNull("lossPercent");
            }
        }
        res.put("localCpusUsed", r.localCpusUsed());
        res.put("remoteCpusUsed", r.remoteCpusUsed());
        final ObjectNode nodes = run.putObject("nodes");
        nodes.set("local", node(r.localNode()));
        nodes.set("remote", node(r.remoteNode()));
        final ObjectNode stats = run.putObject("stats");
        stats.set("local", stat(r.localStat()));
        stats.set("remote", stat(r.remoteStat()));
        run.set("observations", mapper.valueToTree(r.observations()));
    }

    /**
     * udp_bw's loss: the share of the datagrams the client sent that the server's STAT does not count as received,
     * in percent (0 when the server counted more); empty when nothing was sent.
     */
    static OptionalDouble lossPercent(final Result r) {
        final OptionalDouble f = Loss.of(r.localStat(), r.remoteStat());
        return f.isPresent() ? OptionalDouble.of(f.getAsDouble() * 100) : f;
    }

    /** Adds the conf block (both sides' CONF). */
    void conf(final ObjectNode run, final Conf local, final Conf remote) {
        final ObjectNode conf = run.putObject("conf");
        conf.set("local", conf(local));
        conf.set("remote", conf(remote));
    }

    /** A CONF as an object: node, cpu, os, qperf. */
    ObjectNode conf(final Conf c) {
        final ObjectNode o = mapper.createObjectNode();
        o.put("node", c.node());
        o.put("cpu", c.cpu());
        o.put("os", c.os());
        o.put("qperf", c.qperf());
        return o;
    }

    /** An error object: type, message, exception. */
    ObjectNode error(final ErrorInfo e) {
        final ObjectNode o = mapper.createObjectNode();
        o.put("type", e.type());
        o.put("message", e.message());
        o.put("exception", e.exception());
        return o;
    }

    private ObjectNode node(final NodeResult n) {
        final ObjectNode o = mapper.createObjectNode();
        o.put("realTimeSeconds", n.realTimeSeconds());
        o.put("cpuTimeSeconds", n.cpuTimeSeconds());
        o.put("cpusUser", n.cpusUser());
        o.put("cpusIntr", n.cpusIntr());
        o.put("cpusKernel", n.cpusKernel());
        o.put("cpusIowait", n.cpusIowait());
        o.put("cpusIdle", n.cpusIdle());
        o.put("cpusUsed", n.cpusUsed());
        return o;
    }

    /** A STAT, raw: qperf's counters are unsigned 64-bit and appear as such (never negative). */
    private ObjectNode stat(final Stat s) {
        final ObjectNode o = mapper.createObjectNode();
        o.put("noCpus", s.noCpus());
        o.put("noTicks", s.noTicks());
        o.put("maxCqes", s.maxCqes());
        final ArrayNode start = o.putArray("timeStart");
        final ArrayNode end = o.putArray("timeEnd");
        for (int i = 0; i < Stat.TIMES; i++) {
            start.add(unsigned(s.timeStart(i)));
            end.add(unsigned(s.timeEnd(i)));
        }
        o.set("s", ustat(s.s()));
        o.set("r", ustat(s.r()));
        o.set("remS", ustat(s.remS()));
        o.set("remR", ustat(s.remR()));
        return o;
    }

    private ObjectNode ustat(final Ustat u) {
        final ObjectNode o = mapper.createObjectNode();
        o.put("bytes", unsigned(u.bytes()));
        o.put("msgs", unsigned(u.msgs()));
        o.put("errs", unsigned(u.errs()));
        return o;
    }

    private static BigInteger unsigned(final long u) {
        return new BigInteger(Long.toUnsignedString(u));
    }

    private static double toDouble(final long u) {
        return u >= 0 ? u : unsigned(u).doubleValue();
    }
}
