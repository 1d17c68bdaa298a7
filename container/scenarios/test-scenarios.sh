#!/usr/bin/env bash
# Integration check of the scenario runner (CI): ./jqperf --scenarios --quick --out DIR runs the five scenarios on
# the local testbed (stock qperf and jqperf, the image in pods when container/target/jqperf-image.tar exists), then:
#   - DIR holds report.md, report.html (charts embedded), results.json and the charts (bandwidth.png, latency.png);
#   - no failed cell (report.md says "failed: 0" and the runner exits 0), all five scenarios with both tools;
#   - the CPU and memory scopes of the jqperf clients (--cpu-scope all) in the report's per-scenario tables;
#   - SIGTERM mid-run (before the real run): the testbed and containers are removed, results.json is saved and
#     marked interrupted, and the next run works;
#   - --report-only redraws the same report.md from results.json alone;
#   - nothing of the testbed is left: no namespace, root-namespace interface, route or podman container with the
#     runner's prefix (jqsc), and the root namespace's links, addresses and routes are as before.
# Needs root, the built jars (mvn -B -q package -DskipTests) and what container/testbed needs; ~2 minutes.
# Env: SCENARIOS_TEST_TIMEOUT (seconds, default 300). Prints "N passed, M failed" last; exits non-zero on a failure.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix=jqsc
limit=${SCENARIOS_TEST_TIMEOUT:-300}
out=$(mktemp -d /tmp/jqperf-scenarios-ci.XXXXXX)
passed=0
failed=0
ok()  { passed=$((passed + 1)); echo "PASS: $*"; }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

snapshot() {
  ip -o link show | sed -E 's/ state [A-Z]+//; s/ qlen [0-9]+//'
  ip -o addr show | sed -E 's/(valid|preferred)_lft [^ ]+//g'
  ip -4 route show table all
}
snapshot > "$out.root-before"

# 1. Interrupted mid-run: SIGTERM while the first cells run. The runner removes the testbed and its containers,
#    saves what it measured (finished: "interrupted ...") and exits non-zero; the next run (2.) must work.
"$root/jqperf" --scenarios --quick --out "$out/killed" > "$out.killed.log" 2>&1 &
pid=$!
for _ in $(seq 120); do grep -q '\[1/10\]' "$out.killed.log" && break; sleep 0.5; done
sleep 2
kill -TERM "$pid" 2>/dev/null
wait "$pid"
rc=$?
[[ $rc -ne 0 ]] && ok "SIGTERM mid-run: the runner exits $rc" || bad "SIGTERM mid-run: exit 0"
grep -q '"finished" : "interrupted' "$out/killed/results.json" 2>/dev/null \
  && ok "SIGTERM mid-run: results.json saved, marked interrupted" || bad "SIGTERM mid-run: no interrupted results.json"
left=$(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$prefix-" | tr '\n' ' ')
[[ -z $left ]] && ok "SIGTERM mid-run: no namespace left" || { bad "SIGTERM mid-run: namespaces left: $left"; sed 's/^/    | /' "$out.killed.log"; }
if command -v podman >/dev/null; then
  left=$(podman ps -a --format '{{.Names}}' 2>/dev/null | grep -E "^$prefix-" | tr '\n' ' ')
  [[ -z $left ]] && ok "SIGTERM mid-run: no container left" || bad "SIGTERM mid-run: containers left: $left"
fi

# 2. The quick run itself.
t0=$(date +%s)
timeout -s TERM "$limit" "$root/jqperf" --scenarios --quick --out "$out/run" > "$out.log" 2>&1
rc=$?
echo "runner: exit $rc after $(( $(date +%s) - t0 )) s"
sed 's/^/    | /' "$out.log"
[[ $rc -eq 0 ]] && ok "./jqperf --scenarios --quick exits 0" || bad "./jqperf --scenarios --quick exit $rc"

for f in report.md report.html results.json bandwidth.png latency.png; do
  [[ -s $out/run/$f ]] && ok "$f written" || bad "$f missing"
done
grep -q '^- cells: 10, failed: 0$' "$out/run/report.md" 2>/dev/null \
  && ok "10 cells, none failed" || bad "cells: $(grep '^- cells:' "$out/run/report.md" 2>/dev/null)"
for s in pod-to-pod-same-node pod-to-pod-cross-node node-to-node pod-to-own-node pod-to-other-node; do
  n=$(grep -Ec "^\\| $s \\| tcp_lat\\.latency \\| [0-9.]+ [a-z]+ \\| [0-9.]+ [a-z]+ \\|" "$out/run/report.md" 2>/dev/null)
  [[ $n -eq 1 ]] && ok "$s: stock qperf and jqperf figures" || bad "$s: no tcp_lat comparison row"
done
# CPU and memory scopes (jqperf clients run with --cpu-scope all): the four scenarios with a pod client show the
# client's process and cgroup figures; the two pod-to-pod ones the server's too (through the usage extension).
num='[0-9.]+ % cpus'
n=$(grep -Ec "^\| tcp_bw CPUs used \| $num \| $num \| $num \|" "$out/run/report.md" 2>/dev/null)
[[ $n -eq 4 ]] && ok "scopes: client process and cgroup CPU in the 4 pod-client scenarios" || bad "scopes: $n of 4 pod-client scenarios"
n=$(grep -Ec "^\| tcp_bw CPUs used \| $num \| $num \| $num \| $num \| $num \| $num \|" "$out/run/report.md" 2>/dev/null)
[[ $n -eq 2 ]] && ok "scopes: server process and cgroup CPU in the 2 pod-to-pod scenarios" || bad "scopes: server scopes in $n of 2 pod-to-pod scenarios"
n=$(grep -Ec "^\| memory peak \| - \| [0-9.]+ [KMG]B \|" "$out/run/report.md" 2>/dev/null)
[[ $n -eq 5 ]] && ok "scopes: client memory peak in all 5 scenarios" || bad "scopes: client memory peak in $n of 5 scenarios"

n=$(grep -o 'src="data:image/png;base64,' "$out/run/report.html" 2>/dev/null | wc -l)
[[ $n -ge 2 ]] && ok "report.html embeds $n charts" || bad "report.html embeds $n charts"

"$root/jqperf" --scenarios --report-only "$out/run" --out "$out/redrawn" > "$out.redraw.log" 2>&1
cmp -s "$out/run/report.md" "$out/redrawn/report.md" && ok "--report-only redraws the same report.md" \
  || { bad "--report-only"; sed 's/^/    | /' "$out.redraw.log"; }

left=$(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$prefix-" | tr '\n' ' ')
[[ -z $left ]] && ok "no namespace $prefix-* left" || bad "namespaces left: $left"
left=$(ip -o link show | grep -E ": $prefix-" | tr '\n' ' ')
[[ -z $left ]] && ok "no interface $prefix-* in the root namespace" || bad "interfaces left: $left"
if command -v podman >/dev/null; then
  left=$(podman ps -a --format '{{.Names}}' 2>/dev/null | grep -E "^$prefix-" | tr '\n' ' ')
  [[ -z $left ]] && ok "no container $prefix-* left" || bad "containers left: $left"
fi
snapshot > "$out.root-after"
diff -q "$out.root-before" "$out.root-after" >/dev/null && ok "root namespace links, addresses and routes unchanged" \
  || { bad "root namespace changed"; diff "$out.root-before" "$out.root-after" | sed 's/^/    | /'; }

rm -rf "$out" "$out".*
echo "$passed passed, $failed failed"
(( failed == 0 ))
