package io.github.jqperf.scenarios;

/** Where a process of a scenario runs: a node (hostNetwork) or a pod of the simulated cluster. */
public enum Role {
    /** Node A's own network (a hostNetwork pod on node A). */
    NODE_A("node-a", false),
    /** Node B's own network. */
    NODE_B("node-b", false),
    /** First pod on node A. */
    POD_A1("pod-a1", true),
    /** Second pod on node A. */
    POD_A2("pod-a2", true),
    /** The pod on node B. */
    POD_B1("pod-b1", true);

    private final String id;
    private final boolean pod;

    Role(final String id, final boolean pod) {
        this.id = id;
        this.pod = pod;
    }

    /** {@return the testbed's role name, e.g. {@code pod-a1}} */
    public String id() {
        return id;
    }

    /** {@return whether the role is a pod (otherwise a node: hostNetwork)} */
    public boolean pod() {
        return pod;
    }
}
