package io.github.jqperf.scenarios;

/** The two implementations measured side by side. */
public enum Tool {
    /** Stock qperf 0.4.11 ({@code /usr/bin/qperf}). */
    QPERF("qperf"),
    /** jqperf: the image in pods, the CLI jar on nodes. */
    JQPERF("jqperf");

    private final String id;

    Tool(final String id) {
        this.id = id;
    }

    /** {@return the name used in results and reports} */
    public String id() {
        return id;
    }

    /**
     * Looks a tool up by {@link #id()}.
     *
     * @param id {@code qperf} or {@code jqperf}
     * @return the tool
     */
    public static Tool of(final String id) {
        for (final Tool t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tool " + id);
    }
}
