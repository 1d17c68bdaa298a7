package io.github.jqperf.scenarios.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which two nodes a cluster run takes, and why (pure). */
class NodeChoiceTest {

    static NodeBuilder node(final String name) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels(PodFactory.HOSTNAME, name + "-host")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus();
    }

    static final Node CORDONED =
            node("a-cordoned").editSpec().withUnschedulable(true).endSpec().build();
    static final Node TAINTED = node("b-cp")
            .editSpec()
            .addNewTaint()
            .withKey("node-role.kubernetes.io/control-plane")
            .withEffect("NoSchedule")
            .endTaint()
            .endSpec()
            .build();
    static final Node WINDOWS = node("c-win")
            .editMetadata()
            .addToLabels("kubernetes.io/os", "windows")
            .endMetadata()
            .build();
    static final Node NOT_READY = new NodeBuilder(node("d-down").build())
            .editStatus()
            .withConditions()
            .addNewCondition()
            .withType("Ready")
            .withStatus("False")
            .endCondition()
            .endStatus()
            .build();
    static final Node W1 = node("w1").build();
    static final Node W2 = node("w2").build();
    static final Node W3 = node("w3").build();
    static final Node BENCH = node("z-bench")
            .editMetadata()
            .addToLabels(NodeChoice.BENCHMARK_LABEL, "true")
            .endMetadata()
            .build();

    @Test
    void picksTheFirstTwoQualifyingNodesByNameAndSaysWhatItSkipped() {
        final NodeChoice c = NodeChoice.choose(List.of(W3, CORDONED, TAINTED, WINDOWS, NOT_READY, W2, W1), List.of());
        assertThat(c.a()).isEqualTo(new NodeChoice.Picked("w1", "w1-host"));
        assertThat(c.b().name()).isEqualTo("w2");
        assertThat(c.why())
                .contains("none labelled jqperf.io/benchmark=true: the first two by name")
                .contains("a-cordoned (cordoned)")
                .contains("b-cp (taint node-role.kubernetes.io/control-plane:NoSchedule)")
                .contains("c-win (kubernetes.io/os=windows)")
                .contains("d-down (not Ready)");
    }

    @Test
    void benchmarkLabelledNodesComeFirst() {
        final NodeChoice c = NodeChoice.choose(List.of(W1, W2, BENCH), List.of());
        assertThat(c.a().name()).isEqualTo("z-bench");
        assertThat(c.b().name()).isEqualTo("w1");
        assertThat(c.why()).contains("one labelled jqperf.io/benchmark=true");
    }

    @Test
    void givenNodesAreTakenInOrderWithTheirProblemsNoted() {
        final NodeChoice c = NodeChoice.choose(List.of(W1, W2, CORDONED), List.of("a-cordoned", "w1"));
        assertThat(c.a().name()).isEqualTo("a-cordoned");
        assertThat(c.b().name()).isEqualTo("w1");
        assertThat(c.why()).isEqualTo("given by --nodes; note: a-cordoned: cordoned");
    }

    @Test
    void tooFewOrUnknownNodesAreOneLineErrors() {
        assertThatThrownBy(() -> NodeChoice.choose(List.of(W1, TAINTED), List.of()))
                .hasMessage(
                        "the cluster has 1 schedulable Linux node(s), two are needed; skipped: b-cp (taint"
                                + " node-role.kubernetes.io/control-plane:NoSchedule); name two with --nodes A,B or add a node");
        assertThatThrownBy(() -> NodeChoice.choose(List.of(W1, W2), List.of("w1", "nope")))
                .hasMessage("--nodes: no node named nope (kubectl get nodes lists [w1, w2])");
    }
}
