/**
 * What a jqperf client prints: one {@link io.github.jqperf.cli.output.Reporter} per output format (qperf's text,
 * {@code --json}, {@code --csv}), chosen once per command line, and the progress line on a terminal
 * ({@link io.github.jqperf.cli.output.Progress}). docs/json.md describes the JSON document, the CSV columns and the
 * progress line.
 */
package io.github.jqperf.cli.output;
