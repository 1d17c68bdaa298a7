#!/usr/bin/env bash
# Interop test of the built image with podman (no Docker engine): loads container/target/jqperf-image.tar and runs
#   1. jqperf server container  <- jqperf client container
#   2. stock qperf server       <- jqperf client container
#   3. jqperf server container  <- stock qperf client
# each with "-t 1 conf tcp_lat tcp_bw" over 127.0.0.1 (1. also udp_lat udp_bw with a fixed data port, -ip), then
#   4. jqperf server container limited to half a CPU (--cpus 0.5) <- jqperf client container with --cpu-scope all:
#      the remote cgroup figures show the limit, the system-wide ones do not, memory figures on both sides
#      (issue 10 §2, docs/cpu-memory.md),
# plus image checks (non-root, read-only root fs, the qperf
# alias, SIGTERM) and the start-to-listening time. Containers use the host network (podman's bridge network would
# change the host's forwarding and firewall settings) and runc with explicit ulimits (see platform notes).
#
# Needs root, podman + runc (apt-get install -y podman runc), Debian's qperf (apt-get install -y qperf), ss (iproute2).
# Usage: test-image.sh [IMAGE_TAR]   Env: JQPERF_IMAGE (tag used by the test, default localhost/jqperf:test);
#   KEEP_IMAGE=1 keeps the loaded image (otherwise the test removes it and its tags at the end).
# Prints "N passed, N failed" and exits non-zero if anything failed.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tar=${1:-$here/target/jqperf-image.tar}
image=${JQPERF_IMAGE:-localhost/jqperf:test}
run_id=jqperf-it-$$
passed=0
failed=0
servers=()
qperf_pids=()
loaded=

for tool in podman runc qperf ss timeout; do
  command -v "$tool" >/dev/null || { echo "test-image: missing $tool" >&2; echo "0 passed, 1 failed"; exit 1; }
done
[[ -f "$tar" ]] || { echo "test-image: no image tar at $tar (run: mvn -B package -Pimage)" >&2; echo "0 passed, 1 failed"; exit 1; }

work=$(mktemp -d /tmp/jqperf-it.XXXXXX)
cat > "$work/containers.conf" <<'CONF'
[containers]
netns = "host"
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_CONF=$work/containers.conf

cleanup() {
  for c in "${servers[@]}"; do podman rm -f -t 0 "$c" >/dev/null 2>&1; done
  for p in "${qperf_pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  # The test loaded the tar, so it removes what the load tagged as well (KEEP_IMAGE=1 keeps both tags).
  [[ -n "${KEEP_IMAGE:-}" ]] || podman rmi -f "$image" ${loaded:+"$loaded"} >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

ok()   { passed=$((passed + 1)); echo "PASS: $*"; }
bad()  { failed=$((failed + 1)); echo "FAIL: $*"; }

# Same flags as the Kubernetes manifests: read-only root, writable /tmp, no capabilities, no privilege gain.
run=(podman run --pull=never --read-only --cap-drop=all --security-opt=no-new-privileges)

listening() { ss -Hltn "sport = :$1" | grep -q .; }

# A free block of ports in 23000..29999: the control port and, for -ip, the data port after it.
pick_port() {
  local p
  for _ in $(seq 50); do
    p=$((23000 + (RANDOM % 3500) * 2))
    if ! listening "$p" && ! listening "$((p + 1))"; then echo "$p"; return; fi
  done
  echo "test-image: no free port found" >&2; return 1
}

wait_listening() {  # PORT TIMEOUT_S
  local deadline=$((SECONDS + $2))
  while ! listening "$1"; do
    (( SECONDS < deadline )) || return 1
    sleep 0.01
  done
}

start_server_ctr() {  # NAME PORT [EXTRA PODMAN FLAGS...]
  local name=$1 port=$2
  shift 2
  servers+=("$name")
  "${run[@]}" "$@" -d --name "$name" "$image" -lp "$port" >/dev/null
}

now_ms() { date +%s%3N; }

# qperf's output for "conf tcp_lat tcp_bw": a "conf:" block naming qperf 0.4.11 on both ends, a latency and a bandwidth.
check_output() {  # LABEL FILE
  local f=$2
  if grep -q '^conf:' "$f" && grep -Eq 'loc_qperf += +0\.4\.11' "$f" && grep -Eq 'rem_qperf += +0\.4\.11' "$f" \
     && grep -q '^tcp_lat:' "$f" && grep -Eq '^ +latency += +[0-9.]+ (ns|us|ms|sec)$' "$f" \
     && grep -q '^tcp_bw:' "$f" && grep -Eq '^ +bw += +[0-9.]+ [KMGT]?B/sec$' "$f"; then
    ok "$1"
  else
    bad "$1"; sed 's/^/    | /' "$f"
  fi
}

podman load -q -i "$tar" | tee "$work/load.txt"
loaded=$(sed -nE 's/^Loaded image(\(s\))?: //p' "$work/load.txt" | head -1)
[[ -n "$loaded" ]] && podman tag "$loaded" "$image"
size=$(podman image inspect --format '{{.Size}}' "$image")
echo "image $image: $((size / 1000000)) MB uncompressed, tar $(( $(stat -c %s "$tar") / 1000000 )) MB"
(( size <= 70000000 )) && ok "image size $((size / 1000000)) MB <= 70 MB" || bad "image size $((size / 1000000)) MB > 70 MB"

# --- image properties ------------------------------------------------------------------------------------
user=$(podman image inspect --format '{{.Config.User}}' "$image")
[[ "$user" == 10001:10001 ]] && ok "runs as non-root user ($user)" || bad "image user is '$user'"
alias_out=$(timeout 20 "${run[@]}" --rm --entrypoint qperf "$image" --version 2>&1)
main_out=$(timeout 20 "${run[@]}" --rm "$image" --version 2>&1)
[[ -n "$main_out" && "$alias_out" == "$main_out" ]] && ok "qperf alias runs jqperf ($main_out)" \
  || bad "qperf alias: '$alias_out' vs jqperf: '$main_out'"

# --- 1. server container <- client container, and start-to-listening time -------------------------------
port=$(pick_port)
times=()
for i in 1 2 3; do
  t0=$(now_ms)
  start_server_ctr "$run_id-s$i" "$port"
  if wait_listening "$port" 15; then times+=($(( $(now_ms) - t0 ))); fi
  if [[ $i -lt 3 ]]; then podman rm -f -t 2 "$run_id-s$i" >/dev/null; while listening "$port"; do sleep 0.05; done; fi
done
if [[ ${#times[@]} -eq 3 ]]; then
  ok "server container listening after podman run: ${times[*]} ms (target <= 1500 ms)"
else
  bad "server container did not listen on $port"; podman logs "$run_id-s3" 2>&1 | tail -20
fi
# As the Kubernetes client Job does: a fixed data port (-ip, control port + 1) and the UDP tests as well.
timeout 60 "${run[@]}" --rm "$image" 127.0.0.1 -lp "$port" -ip "$((port + 1))" -t 1 conf tcp_lat tcp_bw udp_lat udp_bw \
  > "$work/1.txt" 2>&1
rc=$?
[[ $rc -eq 0 ]] || echo "    client exit code $rc"
check_output "jqperf client container -> jqperf server container" "$work/1.txt"
if grep -q '^udp_lat:' "$work/1.txt" && grep -q '^udp_bw:' "$work/1.txt" \
   && grep -Eq '^ +send_bw += +[0-9.]+ [KMGT]?B/sec$' "$work/1.txt" && grep -Eq '^ +recv_bw += +[0-9.]+ [KMGT]?B/sec$' "$work/1.txt" \
   && [[ $(grep -Ec '^ +latency += +[0-9.]+ (ns|us|ms|sec)$' "$work/1.txt") -eq 2 ]]; then
  ok "udp_lat and udp_bw over a fixed data port (-ip $((port + 1)))"
else
  bad "udp_lat/udp_bw with -ip $((port + 1))"
fi

# Graceful stop: SIGTERM must end the JVM well before podman's 10 s kill (exit 143 = 128 + SIGTERM).
t0=$(now_ms)
podman stop -t 10 "$run_id-s3" >/dev/null
code=$(podman inspect --format '{{.State.ExitCode}}' "$run_id-s3")
stop_ms=$(( $(now_ms) - t0 ))
[[ "$code" == 143 || "$code" == 0 ]] && (( stop_ms < 5000 )) && ok "server stops on SIGTERM (exit $code, ${stop_ms} ms)" \
  || bad "server on SIGTERM: exit $code after ${stop_ms} ms"

# --- 2. stock qperf server <- client container --------------------------------------------------------------
port=$(pick_port)
qperf -lp "$port" > "$work/qperf-server.txt" 2>&1 &
qperf_pids+=($!)
if wait_listening "$port" 10; then
  timeout 60 "${run[@]}" --rm "$image" 127.0.0.1 -lp "$port" -t 1 conf tcp_lat tcp_bw \
    > "$work/2.txt" 2>&1
  check_output "jqperf client container -> stock qperf server" "$work/2.txt"
else
  bad "stock qperf server did not listen on $port"
fi

# --- 3. server container <- stock qperf client ------------------------------------------------------------
# This one runs with a writable root (--read-only=false) so that podman diff can show what the server writes.
port=$(pick_port)
start_server_ctr "$run_id-s4" "$port" --read-only=false
if wait_listening "$port" 15; then
  timeout 60 qperf 127.0.0.1 -lp "$port" -t 1 conf tcp_lat tcp_bw > "$work/3.txt" 2>&1
  check_output "stock qperf client -> jqperf server container" "$work/3.txt"
else
  bad "server container did not listen on $port"; podman logs "$run_id-s4" 2>&1 | tail -20
fi

# Nothing written outside /tmp. podman diff lists changed paths; "C /etc" is podman's own /etc/hosts and
# /etc/resolv.conf mounts.
changed=$(podman diff "$run_id-s4" 2>/dev/null | grep -v -E '^(C /etc|[AC] /tmp(/.*)?)$' || true)
[[ -z "$changed" ]] && ok "server wrote nothing outside /tmp" || bad "server changed: $changed"

# --- 4. CPU limit: server container with --cpus 0.5 <- client container with --cpu-scope all ----------------
# The server's cgroup (libpod_parent/libpod-<id>, CFS quota 50 ms per 100 ms) caps it at half a CPU; the client's
# usage extension brings the server's process and cgroup figures back (docs/protocol.md §13, docs/cpu-memory.md).
figure() {  # FILE NAME -> the number of "NAME = number unit" (commas removed), or nothing
  sed -nE "s/^ +$2 += +([0-9.,]+)( .*)?$/\1/p" "$1" | tr -d , | head -1
}
port=$(pick_port)
start_server_ctr "$run_id-s5" "$port" --cpus 0.5
if wait_listening "$port" 15; then
  timeout 90 "${run[@]}" --rm "$image" 127.0.0.1 -lp "$port" -t 3 --cpu-scope all tcp_bw > "$work/4.txt" 2>&1
  f=$work/4.txt
  rem_cg=$(figure "$f" rem_cgroup_cpus_used); thr=$(figure "$f" rem_cgroup_nr_throttled)
  per=$(figure "$f" rem_cgroup_nr_periods); lim=$(figure "$f" rem_cgroup_cpu_limit)
  rem_sys=$(figure "$f" rem_system_cpus_used); loc_sys=$(figure "$f" loc_system_cpus_used)
  echo "    server cgroup: cpus_used ${rem_cg:-?} %, cpu_limit ${lim:-?} %, nr_throttled ${thr:-?} of ${per:-?} periods;" \
    "system-wide: rem ${rem_sys:-?} %, loc ${loc_sys:-?} %"
  if [[ -n "$rem_cg" && -n "$thr" && -n "$lim" ]] && awk -v u="$rem_cg" -v t="$thr" -v l="$lim" \
       'BEGIN { exit !(u <= 55 && t > 0 && l == 50) }'; then
    ok "--cpus 0.5 server: rem_cgroup_cpus_used ${rem_cg} % <= 55 %, nr_throttled ${thr} > 0, cpu_limit ${lim} %"
  else
    bad "--cpus 0.5 server: the remote cgroup figures do not show the limit"; sed 's/^/    | /' "$f"
  fi
  if [[ -n "$rem_sys" ]] && awk -v s="$rem_sys" -v u="${rem_cg:-0}" 'BEGIN { exit !(s > 55 && s > u) }'; then
    ok "system-wide figures are not limited: rem_system_cpus_used ${rem_sys} % > 55 %"
  else
    bad "system-wide figures: rem_system_cpus_used '${rem_sys}' should exceed 55 % and the cgroup's"
  fi
  missing=
  for n in loc_process_memory loc_process_memory_peak loc_cgroup_memory rem_process_memory rem_process_memory_peak \
           rem_cgroup_memory rem_cgroup_memory_peak; do
    [[ -n "$(figure "$f" "$n")" ]] || missing+=" $n"
  done
  [[ -z "$missing" ]] && ok "memory figures of both sides present" || bad "memory figures missing:$missing"
else
  bad "limited server container did not listen on $port"; podman logs "$run_id-s5" 2>&1 | tail -20
fi

for f in "$work"/[1234].txt; do [[ -f "$f" ]] && { echo "--- $(basename "$f")"; cat "$f"; }; done
echo "$passed passed, $failed failed"
(( failed == 0 ))
