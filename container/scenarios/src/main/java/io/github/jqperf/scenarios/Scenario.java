package io.github.jqperf.scenarios;

import java.util.List;
import java.util.Optional;

/**
 * One of the five measured paths, named after its kustomize overlay (container/k8s/overlays).
 *
 * @param name the overlay's name without its number, e.g. {@code pod-to-pod-same-node}
 * @param overlay the overlay directory, e.g. {@code 1-pod-to-pod-same-node}
 * @param client where the client runs
 * @param server where the server runs
 * @param target the address the client connects to
 * @param path the path in words
 * @param note what the reader must know about the target, or {@code ""}
 */
public record Scenario(String name, String overlay, Role client, Role server, String target, String path, String note) {

    /** The baseline the other scenarios are compared with. */
    public static final String BASELINE = "node-to-node";

    /** The five scenarios, in the overlays' order. */
    public static final List<Scenario> ALL = List.of(
            new Scenario(
                    "pod-to-pod-same-node",
                    "1-pod-to-pod-same-node",
                    Role.POD_A1,
                    Role.POD_A2,
                    "10.244.1.3",
                    "pod-a1 -> veth -> node-a bridge -> veth -> pod-a2",
                    ""),
            new Scenario(
                    "pod-to-pod-cross-node",
                    "2-pod-to-pod-cross-node",
                    Role.POD_A1,
                    Role.POD_B1,
                    "10.244.2.2",
                    "pod-a1 -> node-a bridge -> VXLAN (or host-gw route) over the underlay -> node-b bridge -> pod-b1",
                    ""),
            new Scenario(
                    "node-to-node",
                    "3-node-to-node",
                    Role.NODE_A,
                    Role.NODE_B,
                    "198.18.0.2",
                    "node-a -> underlay veth -> node-b (the bare-metal baseline)",
                    ""),
            new Scenario(
                    "pod-to-own-node",
                    "4-pod-to-own-node",
                    Role.POD_A1,
                    Role.NODE_A,
                    "10.244.1.1",
                    "pod-a1 -> veth -> node-a's bridge address (local delivery in node-a)",
                    "targets node-a's bridge address 10.244.1.1, not its underlay address 198.18.0.1: a node answers"
                            + " its pods from the bridge address (as a real flannel node does), so udp_lat to"
                            + " 198.18.0.1 gets no reply from the expected address (container/testbed/README.md)"),
            new Scenario(
                    "pod-to-other-node",
                    "5-pod-to-other-node",
                    Role.POD_A1,
                    Role.NODE_B,
                    "198.18.0.2",
                    "pod-a1 -> node-a bridge -> masquerade (SNAT to 198.18.0.1) -> underlay -> node-b",
                    ""));

    /**
     * Looks a scenario up by name.
     *
     * @param name e.g. {@code node-to-node}
     * @return the scenario, if there is one of that name
     */
    public static Optional<Scenario> named(final String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
    }
}
