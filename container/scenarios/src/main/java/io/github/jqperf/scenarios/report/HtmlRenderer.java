package io.github.jqperf.scenarios.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a {@link Doc} as one self-contained HTML page: the charts are embedded as data URIs. */
public final class HtmlRenderer {

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern STRONG = Pattern.compile("\\*\\*([^*]*)\\*\\*");

    private HtmlRenderer() {}

    /**
     * Renders the blocks.
     *
     * @param title the page title
     * @param blocks the report
     * @param dir where the charts' PNG files are (a missing one is shown as its description)
     * @return the HTML page
     */
    public static String render(final String title, final List<Doc.Block> blocks, final Path dir) {
        final StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append(
                        "body{font-family:system-ui,sans-serif;max-width:75em;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:0.9em}\n")
                .append("th,td{border:1px solid #bbb;padding:0.25em 0.6em;text-align:right}\n")
                .append("th:first-child,td:first-child{text-align:left}\nth{background:#eee}\n")
                .append("pre{background:#f6f6f6;padding:0.8em;overflow-x:auto}\nimg{max-width:100%}\n")
                .append("code{background:#f0f0f0;padding:0 0.2em}\n")
                .append("</style>\n</head>\n<body>\n");
        for (final Doc.Block b : blocks) {
            if (b instanceof Doc.Heading h) {
                sb.append("<h")
                        .append(h.level())
                        .append('>')
                        .append(inline(h.text()))
                        .append("</h")
                        .append(h.level())
                        .append(">\n");
            } else if (b instanceof Doc.Para p) {
                sb.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (b instanceof Doc.Pre p) {
                sb.append("<pre>").append(escape(p.text().stripTrailing())).append("</pre>\n");
            } else if (b instanceof Doc.Image i) {
                sb.append(image(dir.resolve(i.file()), i.alt()));
            } else if (b instanceof Doc.Bullets l) {
                sb.append("<ul>\n");
                for (final String item : l.items()) {
                    sb.append("<li>").append(inline(item)).append("</li>\n");
                }
                sb.append("</ul>\n");
            } else if (b instanceof Doc.Table t) {
                sb.append("<table>\n<tr>");
                for (final String c : t.header()) {
                    sb.append("<th>").append(inline(c)).append("</th>");
                }
                sb.append("</tr>\n");
                for (final List<String> r : t.rows()) {
                    sb.append("<tr>");
                    for (final String c : r) {
                        sb.append("<td>").append(inline(c)).append("</td>");
                    }
                    sb.append("</tr>\n");
                }
                sb.append("</table>\n");
            }
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    private static String image(final Path png, final String alt) {
        try {
            final String data = Base64.getEncoder().encodeToString(Files.readAllBytes(png));
            return "<p><img alt=\"" + escape(alt) + "\" src=\"data:image/png;base64," + data + "\"></p>\n";
        } catch (IOException e) {
            return "<p>[chart " + escape(png.getFileName().toString()) + " missing: " + escape(alt) + "]</p>\n";
        }
    }

    /**
     * Escapes text and turns {@code `code`} and {@code **strong**} spans into HTML.
     *
     * @param text inline text
     * @return HTML
     */
    static String inline(final String text) {
        String s = escape(text);
        s = CODE.matcher(s).replaceAll(m -> "<code>" + Matcher.quoteReplacement(m.group(1)) + "</code>");
        s = STRONG.matcher(s).replaceAll(m -> "<strong>" + Matcher.quoteReplacement(m.group(1)) + "</strong>");
        return s;
    }

    /**
     * Escapes {@code & < > "}.
     *
     * @param text any text
     * @return the text, safe in HTML
     */
    static String escape(final String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
