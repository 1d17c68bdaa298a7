package io.github.jqperf.scenarios.kubernetes;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.jqperf.scenarios.Runner;
import io.github.jqperf.scenarios.Scenario;
import io.github.jqperf.scenarios.Tool;
import io.github.jqperf.scenarios.results.Run;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --dry-run}: every pod a cluster run creates in one round, for every scenario, as one multi-document YAML
 * stream (pure: no cluster). The nodes are {@code --nodes} or the placeholders {@code node-a}/{@code node-b}; the
 * client's target is the placeholder {@value #TARGET} (the server pod's IP, known only once it runs).
 */
public final class DryRun {

    /** The client's target in the dry-run. */
    public static final String TARGET = "SERVER-POD-IP";

    private DryRun() {}

    /**
     * The stream.
     *
     * @param factory builds the pods
     * @param scenarios the scenarios
     * @param namespace the namespace
     * @param image jqperf's image
     * @param qperfImage stock qperf's image, or {@code null} (then no qperf pods)
     * @param nodeA node A's hostname label value
     * @param nodeB node B's
     * @param seconds {@code -t}
     * @param sweepLoop the sweep's loop, or {@code null}
     * @return the YAML stream, documents separated by {@code ---}
     */
    public static String stream(
            final PodFactory factory,
            final List<Scenario> scenarios,
            final String namespace,
            final String image,
            final String qperfImage,
            final String nodeA,
            final String nodeB,
            final int seconds,
            final String sweepLoop) {
        final KubernetesSerialization yaml = new KubernetesSerialization();
        final StringBuilder out = new StringBuilder();
        out.append("# jqperf --scenarios --kubernetes --dry-run: the pods of one round (each round makes them anew)\n")
                .append("# in namespace ")
                .append(namespace)
                .append(" (created if missing); objects = the overlays' pod templates + PodFactory.ADDITIONS\n");
        int seq = 0;
        for (final Scenario s : scenarios) {
            final List<Tool> tools = qperfImage == null ? List.of(Tool.JQPERF) : List.of(Tool.QPERF, Tool.JQPERF);
            for (final Tool tool : tools) {
                final String img = tool == Tool.QPERF ? qperfImage : image;
                final String port = Integer.toString(factory.controlPort(s));
                final List<List<String>> clientArgs = new ArrayList<>();
                final int controlPort = factory.controlPort(s);
                clientArgs.add(Runner.clientArgs(tool, Run.STANDARD, TARGET, controlPort, seconds, sweepLoop));
                if (sweepLoop != null) {
                    clientArgs.add(Runner.clientArgs(tool, Run.SWEEP, TARGET, controlPort, seconds, sweepLoop));
                }
                seq++;
                final String serverNode = PodFactory.onNodeA(s.server()) ? nodeA : nodeB;
                doc(
                        out,
                        yaml,
                        factory.podTree(new PodFactory.Spec(
                                s,
                                true,
                                tool,
                                img,
                                List.of("-lp", port),
                                serverNode,
                                "dry-run",
                                factory.workloadName(s, true) + "-dry-run-" + seq,
                                namespace)));
                for (final List<String> args : clientArgs) {
                    seq++;
                    final String clientNode = PodFactory.onNodeA(s.client()) ? nodeA : nodeB;
                    doc(
                            out,
                            yaml,
                            factory.podTree(new PodFactory.Spec(
                                    s,
                                    false,
                                    tool,
                                    img,
                                    args,
                                    clientNode,
                                    "dry-run",
                                    factory.workloadName(s, false) + "-dry-run-" + seq,
                                    namespace)));
                }
            }
        }
        return out.toString();
    }

    private static void doc(final StringBuilder out, final KubernetesSerialization yaml, final Object tree) {
        String text = yaml.asYaml(tree);
        if (text.startsWith("---\n")) {
            text = text.substring(4);
        }
        out.append("---\n").append(text);
        if (!text.endsWith("\n")) {
            out.append('\n');
        }
    }
}
