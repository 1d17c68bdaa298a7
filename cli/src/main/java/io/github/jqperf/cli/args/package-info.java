/**
 * qperf 0.4.11's command line without side effects: {@link io.github.jqperf.cli.args.QperfCommandLine#parse}
 * turns the arguments into an ordered list of {@link io.github.jqperf.cli.args.Step}s (warnings, test runs with
 * their parameter snapshots, help, version, server start, or the error that ends the program) which the caller
 * prints and executes. Help texts: {@link io.github.jqperf.cli.args.HelpTexts}; jqperf-only options:
 * {@link io.github.jqperf.cli.args.JqperfExtras}.
 */
package io.github.jqperf.cli.args;
