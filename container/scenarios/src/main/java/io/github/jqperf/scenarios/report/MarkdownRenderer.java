package io.github.jqperf.scenarios.report;

import java.util.List;

/** Renders a {@link Doc} as GitHub-flavoured Markdown. Pure. */
public final class MarkdownRenderer {

    private MarkdownRenderer() {}

    /**
     * Renders the blocks.
     *
     * @param blocks the report
     * @return the Markdown text, ending in one newline
     */
    public static String render(final List<Doc.Block> blocks) {
        final StringBuilder sb = new StringBuilder();
        for (final Doc.Block b : blocks) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            if (b instanceof Doc.Heading h) {
                sb.append("#".repeat(h.level())).append(' ').append(h.text()).append('\n');
            } else if (b instanceof Doc.Para p) {
                sb.append(p.text()).append('\n');
            } else if (b instanceof Doc.Pre p) {
                sb.append("```\n").append(p.text().stripTrailing()).append("\n```\n");
            } else if (b instanceof Doc.Image i) {
                sb.append("![").append(i.alt()).append("](").append(i.file()).append(")\n");
            } else if (b instanceof Doc.Bullets l) {
                for (final String item : l.items()) {
                    sb.append("- ").append(item).append('\n');
                }
            } else if (b instanceof Doc.Table t) {
                row(sb, t.header());
                sb.append('|');
                for (int i = 0; i < t.header().size(); i++) {
                    sb.append(numeric(t, i) ? " ---: |" : " --- |");
                }
                sb.append('\n');
                for (final List<String> r : t.rows()) {
                    row(sb, r);
                }
            }
        }
        return sb.toString();
    }

    /** A column of figures (every cell starts with a digit, a sign or is "-") is right-aligned. */
    private static boolean numeric(final Doc.Table t, final int column) {
        return column > 0
                && !t.rows().isEmpty()
                && t.rows().stream().map(r -> r.get(column)).allMatch(c -> c.matches("^([-+−]?[0-9].*|-)$"));
    }

    private static void row(final StringBuilder sb, final List<String> cells) {
        sb.append('|');
        for (final String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }
}
