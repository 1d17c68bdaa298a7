package io.github.jqperf.engine.result;

/**
 * qperf's CONF block (server → client, 4 × char[64], docs/protocol.md §3.7).
 *
 * @param node  off 0: uname nodename
 * @param cpu   off 64: CPU description
 * @param os    off 128: "sysname release"
 * @param qperf off 192: version, "0.4.11"
 */
public record Conf(String node, String cpu, String os, String qperf) {}
