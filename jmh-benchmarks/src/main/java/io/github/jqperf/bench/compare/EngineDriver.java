package io.github.jqperf.bench.compare;

import io.github.jqperf.engine.ClientConfig;
import io.github.jqperf.engine.Measurement;
import io.github.jqperf.engine.QperfClient;
import io.github.jqperf.engine.QperfServer;
import io.github.jqperf.engine.ServerConfig;
import io.github.jqperf.engine.error.QperfException;
import io.github.jqperf.engine.report.OutputOptions;
import io.github.jqperf.engine.report.QperfTextFormat;
import io.github.jqperf.engine.result.TestResult;
import io.github.jqperf.engine.spec.Param;
import io.github.jqperf.engine.spec.ParamSet;
import io.github.jqperf.engine.spec.TestKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the {@code jqperf} CLI, straight on the engine, understanding only what the comparison harness
 * passes: {@code [-lp PORT]} (server) or {@code HOST -lp PORT [-t S] [-m BYTES] [-ws S] [-v] [-uu] TEST...}
 * (client), output as qperf prints it. Used by {@code compare-with-qperf --engine-driver} when the real CLI jar is
 * not built yet; numbers from it carry the engine's data path, not the CLI's start-up.
 */
public final class EngineDriver {
    private EngineDriver() {}

    /** Entry point. */
    public static void main(final String[] args) throws Exception {
        String host = null;
        int port = 19_765;
        final ParamSet params = new ParamSet();
        OutputOptions out = OutputOptions.DEFAULT;
        long waitSec = 5;
        final List<TestKind> tests = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-lp" -> port = Integer.parseInt(args[++i]);
                case "-t" -> params.set(Param.TIME, Long.parseLong(args[++i]), "-t");
                case "-m" -> params.set(Param.MSG_SIZE, Long.parseLong(args[++i]), "-m");
                case "-ws" -> waitSec = Long.parseLong(args[++i]);
                case "-v" -> out = out.verbose();
                case "-uu" -> out = out.withUnifyUnits(true);
                default -> {
                    if (host == null) {
                        host = args[i];
                    } else {
                        final String name = args[i];
                        tests.add(TestKind.byName(name).orElseThrow(() -> new IllegalArgumentException(name)));
                    }
                }
            }
        }
        if (host == null) {
            try (QperfServer s = QperfServer.start(
                    ServerConfig.defaults().withListenPort(port).withLog(System.out::println))) {
                while (!s.awaitStop(1, TimeUnit.HOURS)) {
                    // serve until quit
                }
            }
            return;
        }
        try (QperfClient c =
                new QperfClient(ClientConfig.of(host).withListenPort(port).withWaitServerSec(waitSec))) {
            for (final TestKind k : tests) {
                System.out.println(k.qperfName() + ":");
                if (k == TestKind.CONF) {
                    QperfTextFormat.formatConf(io.github.jqperf.engine.conf.LocalConf.read(), c.conf(params))
                            .forEach(System.out::println);
                    continue;
                }
                final Measurement m = c.measure(k, params);
                final TestResult r = TestResult.of(k, m.local(), m.remote());
                QperfTextFormat.formatResult(k, r, m.params(), out).forEach(System.out::println);
            }
        } catch (QperfException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }
}
