#!/usr/bin/env bash
# Tests of testbed.sh, in both modes, with Debian's real qperf (/usr/bin/qperf), not jqperf:
#   - topology from inside the namespaces: ping along the five scenario paths (both directions), `ip route get`
#     devices and next hops, the vxlan device (VNI, port, nolearning, static FDB/neighbour), pod MTU (DF pings),
#     ip_forward in the nodes, the masquerade rule;
#   - qperf -t 1 udp_lat tcp_lat for the five scenarios; pod-a1 -> node-b answers from the expected address
#     (latency far below the 1 s a lost reply costs with -t 1) and goes through the masquerade counter, while
#     cluster-internal traffic does not; without the masquerade (vxlan) udp_lat does get no answer;
#     pod-to-own-node as on a real flannel node: node-a answers its pods from its bridge address 10.244.1.1, so
#     udp_lat runs against 10.244.1.1, and against 198.18.0.1 only tcp_lat gets an answer (checked as such);
#   - a second up is a one-line error with exit 2 and leaves the live testbed alone;
#   - an up that fails half-way (nft missing) or gets SIGTERM cleans up by itself; an up killed with -9 leaves
#     state that a new up refuses and down removes, and a fresh up afterwards works;
#   - down kills what still runs in the namespaces, is idempotent, and the root namespace (links, addresses,
#     routes, rules, nftables ruleset, ip_forward) is byte-for-byte what it was before.
#   - optional: the jqperf image in pods through podman --network ns:/run/netns/... (when the image tar exists:
#     container/target/jqperf-image.tar or $JQPERF_IMAGE_TAR; SKIP otherwise, or with TESTBED_SKIP_PODMAN=1).
#
# Needs root, iproute2, nftables, iputils-ping, qperf (and podman + runc for the optional smoke).
# Env: TESTBED_TEST_PREFIX (default jqtbt), TESTBED_TEST_TIMEOUT (seconds, default 170).
# Prints "N passed, M failed" last and exits non-zero if anything failed.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tb=$here/testbed.sh
P=${TESTBED_TEST_PREFIX:-jqtbt}
export TESTBED_PREFIX=$P
limit=${TESTBED_TEST_TIMEOUT:-170}
port=24711        # qperf control port inside the namespaces (never 19765)
image_tar=${JQPERF_IMAGE_TAR:-$here/../target/jqperf-image.tar}
image=localhost/jqperf:testbed

passed=0
failed=0
skipped=0
work=$(mktemp -d /tmp/jqperf-testbed.XXXXXX)
t_start=$(date +%s%3N)
timings=()
server_pids=()
ctr_names=()
image_loaded=
image_preexisting=

ok()   { passed=$((passed + 1)); echo "PASS: $*"; }
bad()  { failed=$((failed + 1)); echo "FAIL: $*"; }
skip() { skipped=$((skipped + 1)); echo "SKIP: $*"; }
now_ms() { date +%s%3N; }
indent() { sed 's/^/    | /'; }

# check LABEL CMD...: PASS if CMD exits 0, else FAIL with its output.
check() {
  local label=$1 out
  shift
  if out=$("$@" 2>&1); then ok "$label"; else bad "$label"; printf '%s\n' "$out" | tail -15 | indent; fi
}
# expect LABEL REGEX CMD...: PASS if CMD's output matches REGEX (extended).
expect() {
  local label=$1 re=$2 out
  shift 2
  out=$("$@" 2>&1)
  if grep -Eq -- "$re" <<<"$out"; then ok "$label"; else bad "$label (wanted /$re/)"; printf '%s\n' "$out" | tail -15 | indent; fi
}
tbx() { local role=$1; shift; timeout 20 "$tb" exec "$role" -- "$@"; }

leftover_ns() { ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$P-" || true; }
nothing_left() {  # LABEL
  local left
  left=$(leftover_ns | tr '\n' ' ')
  [[ -z $left ]] && ok "$1: no namespace $P-* left" || bad "$1: namespaces left: $left"
}

# The root namespace as the testbed must leave it (counters and timers stripped).
snapshot() {
  echo "## links";  ip -o link show
  echo "## addrs";  ip -o addr show | sed -E 's/(valid|preferred)_lft [^ ]+//g'
  echo "## routes"; ip -4 route show table all; ip -6 route show table all | sed -E 's/expires [0-9]+sec//'
  echo "## rules";  ip rule show; ip -6 rule show
  echo "## nft";    nft list ruleset
  echo "## sysctl"; cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv6/conf/all/forwarding
}

cleanup() {
  local pid c
  [[ -n ${watchdog:-} ]] && kill "$watchdog" 2>/dev/null
  for c in "${ctr_names[@]}"; do podman rm -f -t 0 "$c" >/dev/null 2>&1; done
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null; done
  "$tb" down >/dev/null 2>&1
  if [[ -n $image_loaded ]]; then
    podman rmi "$image" >/dev/null 2>&1
    [[ -z $image_preexisting ]] && podman rmi "$image_loaded" >/dev/null 2>&1
  fi
  rm -rf "$work"
}
finish() {
  cleanup
  echo "timings: ${timings[*]} total=$(( $(now_ms) - t_start ))ms"
  (( skipped > 0 )) && echo "$skipped skipped"
  echo "$passed passed, $failed failed"
  (( failed == 0 )) && exit 0 || exit 1
}
on_signal() { trap - TERM INT; bad "interrupted or over the time limit of ${limit}s"; finish; }
trap on_signal TERM INT

# Bound the whole run: a watchdog sends TERM (every step below is bounded by timeout as well).
( sleep "$limit" && kill -TERM $$ ) 2>/dev/null &
watchdog=$!

for t in ip bridge nft ping qperf timeout flock ss; do
  command -v "$t" >/dev/null || { bad "missing tool $t (apt-get install -y iproute2 nftables iputils-ping qperf)"; finish; }
done
[[ $(id -u) -eq 0 ]] || { bad "needs root"; finish; }

timeout 30 "$tb" down >/dev/null     # a leftover of an earlier, killed test run
snapshot > "$work/root-before.txt"

# --- helpers for a live testbed -------------------------------------------------------------------------------
declare -A S
load_status() { S=(); local k v; while IFS='=' read -r k v; do S[$k]=$v; done < <(timeout 10 "$tb" status); }

# qperf latency line -> microseconds
lat_us() {  # FILE TEST
  awk -v t="$2:" '$1 == t {f = 1; next} f && $1 == "latency" {
      m = ($4 == "ns") ? 0.001 : ($4 == "us") ? 1 : ($4 == "ms") ? 1000 : ($4 == "sec") ? 1000000 : -1
      printf "%d\n", $3 * m; exit }' "$1"
}
masq_count() {  # NODE(a|b): packets counted by the masquerade rule
  tbx "node-$1" nft list table ip "$P-nat" | sed -nE 's/.* counter packets ([0-9]+) .*/\1/p'
}
start_server() {  # ROLE
  "$tb" exec "$1" -- qperf -lp "$port" > "$work/server-$1.log" 2>&1 &
  server_pids+=($!)
}
wait_listening() {  # ROLE PORT [TIMEOUT_S, default 10]
  local deadline=$((SECONDS + ${3:-10}))
  while (( SECONDS < deadline )); do
    [[ -n $(tbx "$1" ss -Hltn "sport = :$2") ]] && return 0
    sleep 0.05
  done
  return 1
}

# qperf_scenario NAME CLIENT_ROLE SERVER_IP: -t 1 udp_lat tcp_lat; both latencies well below a lost reply (1 s)
qperf_scenario() {
  local name=$1 client=$2 ip=$3 f=$work/qperf-$1.txt u t
  timeout 30 "$tb" exec "$client" -- qperf "$ip" -lp "$port" -t 1 udp_lat tcp_lat > "$f" 2>&1
  u=$(lat_us "$f" udp_lat); t=$(lat_us "$f" tcp_lat)
  if [[ -n $u && -n $t ]] && (( u < 100000 && t < 100000 )); then
    ok "$mode $name: qperf $client -> $ip udp_lat ${u} us, tcp_lat ${t} us"
  else
    bad "$mode $name: qperf $client -> $ip (udp_lat '${u}' us, tcp_lat '${t}' us)"; indent < "$f"
  fi
}

topology_checks() {
  local mode=$1 mtu=$2 via_b via_a
  load_status
  [[ ${S[STATE]:-} == up && ${S[MODE]:-} == "$mode" && ${S[POD_MTU]:-} == "$mtu" && ${S[POD_A1_NETNS]:-} == "$P-pod-a1" \
     && ${S[POD_B1_IP]:-} == 10.244.2.2 && ${S[NODE_B_IP]:-} == 198.18.0.2 ]] \
    && ok "$mode: status STATE=up MODE=$mode POD_MTU=$mtu, names and addresses" \
    || { bad "$mode: status"; timeout 10 "$tb" status | indent; }

  # Every pod interface has the mode's MTU.
  local p
  for p in a1 a2 b1; do
    expect "$mode: pod-$p $P-eth0 mtu $mtu" " mtu $mtu " tbx "pod-$p" ip -o link show "$P-eth0"
  done

  # Pings along the five scenario paths, both directions.
  local path
  for path in "pod-a1 10.244.1.3 pod-to-pod-same-node" "pod-a2 10.244.1.2 pod-to-pod-same-node(back)" \
              "pod-a1 10.244.2.2 pod-to-pod-cross-node" "pod-b1 10.244.1.2 pod-to-pod-cross-node(back)" \
              "node-a 198.18.0.2 node-to-node" "node-b 198.18.0.1 node-to-node(back)" \
              "pod-a1 198.18.0.1 pod-to-own-node" "node-a 10.244.1.2 pod-to-own-node(back)" \
              "pod-a1 198.18.0.2 pod-to-other-node" "node-b 10.244.1.2 pod-to-other-node(back)"; do
    set -- $path
    check "$mode: ping $1 -> $2 ($3)" tbx "$1" ping -c 1 -W 2 -q "$2"
  done

  # MTU on the cross-node pod path: the largest unfragmented packet fits, one byte more does not.
  local max=$((mtu - 28))
  check "$mode: DF ping pod-a1 -> pod-b1 with $mtu-byte packets" tbx pod-a1 ping -c 1 -W 2 -q -M "do" -s "$max" 10.244.2.2
  if tbx pod-a1 ping -c 1 -W 1 -q -M "do" -s "$((max + 1))" 10.244.2.2 >/dev/null 2>&1; then
    bad "$mode: a $((mtu + 1))-byte DF packet left pod-a1"
  else
    ok "$mode: a $((mtu + 1))-byte DF packet does not fit the pod MTU"
  fi

  # Routes as seen from inside the namespaces.
  if [[ $mode == vxlan ]]; then via_b="via 10.244.2.0 dev $P-flannel.1"; via_a="via 10.244.1.0 dev $P-flannel.1"
  else via_b="via 198.18.0.2 dev $P-underlay"; via_a="via 198.18.0.1 dev $P-underlay"; fi
  expect "$mode: route pod-a1 -> pod-b1 via its bridge" "via 10.244.1.1 dev $P-eth0 " tbx pod-a1 ip route get 10.244.2.2
  expect "$mode: route pod-a1 -> node-b via its bridge" "via 10.244.1.1 dev $P-eth0 " tbx pod-a1 ip route get 198.18.0.2
  expect "$mode: route node-a -> pod-a2 on $P-cbr0" "dev $P-cbr0 src 10.244.1.1" tbx node-a ip route get 10.244.1.3
  expect "$mode: route node-a -> pod-b1 $via_b" "$via_b " tbx node-a ip route get 10.244.2.2
  expect "$mode: route node-b -> pod-a1 $via_a" "$via_a " tbx node-b ip route get 10.244.1.2
  expect "$mode: route node-a -> node-b on the underlay" "dev $P-underlay src 198.18.0.1" tbx node-a ip route get 198.18.0.2
  expect "$mode: route node-a -> pod-b1 forwarded from pod-a1" "$via_b " tbx node-a ip route get 10.244.2.2 from 10.244.1.2 iif "$P-cbr0"

  if [[ $mode == vxlan ]]; then
    local n o oi ou mi
    for n in a b; do
      if [[ $n == a ]]; then o=b oi=2 ou=198.18.0.2 mi=198.18.0.1; else o=a oi=1 ou=198.18.0.1 mi=198.18.0.2; fi
      expect "node-$n: $P-flannel.1 is vxlan id 1 dstport 8472 nolearning, local $mi, mtu 1450" \
        "mtu 1450 .*vxlan id 1 local $mi dev $P-underlay .*dstport 8472 nolearning" tbx "node-$n" ip -d -o link show "$P-flannel.1"
      expect "node-$n: static FDB entry for node-$o's VTEP" "^02:00:0a:f4:0$oi:00 dst $ou self permanent" \
        tbx "node-$n" bridge fdb show dev "$P-flannel.1"
      expect "node-$n: permanent neighbour for node-$o's VTEP" "^10.244.$oi.0 lladdr 02:00:0a:f4:0$oi:00 PERMANENT" \
        tbx "node-$n" ip neigh show dev "$P-flannel.1"
    done
  else
    if tbx node-a ip link show "$P-flannel.1" >/dev/null 2>&1; then bad "host-gw: a vxlan device exists"
    else ok "host-gw: no vxlan device"; fi
  fi
  expect "$mode: ip_forward=1 in node-a and node-b, 0 in the pods" "^1 1 0 0 0$" bash -c \
    "for r in node-a node-b pod-a1 pod-a2 pod-b1; do timeout 10 '$tb' exec \$r -- cat /proc/sys/net/ipv4/ip_forward; done | xargs"
  expect "$mode: node-a masquerades 10.244.1.0/24 -> not 10.244.0.0/16" \
    "ip saddr 10.244.1.0/24 ip daddr != 10.244.0.0/16 .*masquerade" tbx node-a nft list table ip "$P-nat"
  expect "$mode: node-b masquerades 10.244.2.0/24 -> not 10.244.0.0/16" \
    "ip saddr 10.244.2.0/24 ip daddr != 10.244.0.0/16 .*masquerade" tbx node-b nft list table ip "$P-nat"
}

# pod-to-own-node, as on a real flannel node: node-a answers its pods from its bridge address (the pod CIDR
# route's preferred source), so a wildcard-bound UDP server replies to a request for 198.18.0.1 from 10.244.1.1,
# and qperf's connected UDP socket drops the reply. TCP is fine (a connection keeps its local address).
own_node_checks() {
  local mode=$1 f=$work/qperf-own-node-ip.txt u t
  expect "$mode: node-a answers its pods from its bridge address" "dev $P-cbr0 src 10.244.1.1" \
    tbx node-a ip route get 10.244.1.2
  timeout 30 "$tb" exec pod-a1 -- qperf 198.18.0.1 -lp "$port" -t 1 tcp_lat udp_lat > "$f" 2>&1
  t=$(lat_us "$f" tcp_lat); u=$(lat_us "$f" udp_lat)
  [[ -n $t && -n $u ]] && (( t < 100000 && u >= 500000 )) \
    && ok "$mode: pod-a1 -> node-a's underlay IP 198.18.0.1: tcp_lat ${t} us, udp_lat unanswered (${u} us) as on flannel" \
    || { bad "$mode: pod-a1 -> 198.18.0.1: tcp_lat '${t}' us, udp_lat '${u}' us (expected an answer only for tcp)"; indent < "$f"; }
}

# The five scenarios with real qperf; the masquerade counter moves for pod-to-other-node only.
qperf_checks() {
  local mode=$1 r c0 c1 c2
  server_pids=()
  for r in node-a node-b pod-a2 pod-b1; do start_server "$r"; done
  for r in node-a node-b pod-a2 pod-b1; do
    wait_listening "$r" "$port" || bad "$mode: qperf server in $r is not listening"
  done
  c0=$(masq_count a)
  qperf_scenario pod-to-pod-same-node pod-a1 10.244.1.3
  qperf_scenario pod-to-pod-cross-node pod-a1 10.244.2.2
  qperf_scenario node-to-node node-a 198.18.0.2
  qperf_scenario pod-to-own-node pod-a1 10.244.1.1
  own_node_checks "$mode"
  c1=$(masq_count a)
  qperf_scenario pod-to-other-node pod-a1 198.18.0.2
  c2=$(masq_count a)
  [[ -n $c0 && $c0 == "$c1" ]] && ok "$mode: cluster-internal and node-local traffic is not masqueraded (counter $c0 -> $c1)" \
    || bad "$mode: masquerade counter moved on cluster-internal traffic ($c0 -> $c1)"
  [[ -n $c2 && -n $c1 ]] && (( c2 > c1 )) && ok "$mode: pod-a1 -> node-b is masqueraded by node-a (counter $c1 -> $c2)" \
    || bad "$mode: pod-a1 -> node-b did not hit the masquerade rule ($c1 -> $c2)"
}

down_checks() {  # MODE: down must end the servers still running inside the namespaces
  local mode=$1 t0 pid alive=0
  t0=$(now_ms)
  check "$mode: down" timeout 30 "$tb" down
  timings+=("down($mode)=$(( $(now_ms) - t0 ))ms")
  nothing_left "$mode: after down"
  for pid in "${server_pids[@]}"; do
    # the background job may linger as a zombie until reaped: wait reaps it
    kill -0 "$pid" 2>/dev/null && { sleep 0.2; kill -0 "$pid" 2>/dev/null && [[ $(ps -o stat= -p "$pid") != Z* ]] && alive=1; }
    wait "$pid" 2>/dev/null
  done
  (( alive == 0 )) && ok "$mode: down ended the qperf servers running in the namespaces" \
    || bad "$mode: qperf servers survived down"
  server_pids=()
}

up_timed() {  # MODE
  local t0 rc
  t0=$(now_ms)
  timeout 30 "$tb" up --mode "$1" > "$work/up.txt" 2>&1
  rc=$?
  timings+=("up($1)=$(( $(now_ms) - t0 ))ms")
  [[ $rc -eq 0 ]] && ok "up --mode $1" || { bad "up --mode $1 (exit $rc)"; indent < "$work/up.txt"; }
  return $rc
}

podman_smoke() {
  if [[ -n ${TESTBED_SKIP_PODMAN:-} ]]; then skip "podman smoke (TESTBED_SKIP_PODMAN set)"; return; fi
  if [[ ! -f $image_tar ]] || ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
    skip "podman smoke (needs podman, runc and $image_tar: mvn -B package -Pimage -DskipTests)"; return
  fi
  cat > "$work/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  export CONTAINERS_CONF=$work/containers.conf
  local t0 sport=$((port + 10)) name=$P-smoke-$$
  t0=$(now_ms)
  podman images --format '{{.Repository}}:{{.Tag}}' > "$work/images-before.txt" 2>/dev/null
  timeout 60 podman load -q -i "$image_tar" > "$work/load.txt" 2>&1
  image_loaded=$(sed -nE 's/^Loaded image(\(s\))?: //p' "$work/load.txt" | head -1)
  [[ -n $image_loaded ]] || { bad "podman load $image_tar"; indent < "$work/load.txt"; return; }
  # Remove at the end only what this test added (someone else's tag of the same image stays).
  grep -qxF "$image_loaded" "$work/images-before.txt" && image_preexisting=1
  podman tag "$image_loaded" "$image"
  timings+=("podman-load=$(( $(now_ms) - t0 ))ms")
  local t1
  t1=$(now_ms)
  local run=(timeout 60 podman run --pull=never --read-only --cap-drop=all --security-opt=no-new-privileges)
  # jqperf server container in pod-b1 <- stock qperf client in pod-a1 (cross-node, over vxlan)
  ctr_names+=("$name")
  "${run[@]}" -d --name "$name" --network "ns:/run/netns/$P-pod-b1" "$image" -lp "$sport" > "$work/ctr.txt" 2>&1
  if wait_listening pod-b1 "$sport" 30; then
    timeout 30 "$tb" exec pod-a1 -- qperf 10.244.2.2 -lp "$sport" -t 1 udp_lat tcp_lat > "$work/smoke1.txt" 2>&1
    local u t
    u=$(lat_us "$work/smoke1.txt" udp_lat); t=$(lat_us "$work/smoke1.txt" tcp_lat)
    [[ -n $u && -n $t ]] && (( u < 100000 && t < 100000 )) \
      && ok "podman: jqperf server container in pod-b1 <- qperf in pod-a1: udp_lat ${u} us, tcp_lat ${t} us" \
      || { bad "podman: jqperf server container in pod-b1 <- qperf in pod-a1"; indent < "$work/smoke1.txt"; }
  else
    bad "podman: jqperf server container in pod-b1 not listening on $sport"; indent < "$work/ctr.txt"
    podman logs "$name" 2>&1 | tail -10 | indent
  fi
  podman rm -f -t 0 "$name" >/dev/null 2>&1
  timings+=("podman-server-ctr=$(( $(now_ms) - t1 ))ms")
  t1=$(now_ms)
  # jqperf client container in pod-a1 -> stock qperf server in node-b (pod-to-other-node, masqueraded)
  "${run[@]}" --rm --network "ns:/run/netns/$P-pod-a1" "$image" 198.18.0.2 -lp "$port" -t 1 udp_lat tcp_lat \
    > "$work/smoke2.txt" 2>&1
  u=$(lat_us "$work/smoke2.txt" udp_lat); t=$(lat_us "$work/smoke2.txt" tcp_lat)
  [[ -n $u && -n $t ]] && (( u < 100000 && t < 100000 )) \
    && ok "podman: jqperf client container in pod-a1 -> qperf in node-b: udp_lat ${u} us, tcp_lat ${t} us" \
    || { bad "podman: jqperf client container in pod-a1 -> qperf in node-b"; indent < "$work/smoke2.txt"; }
  timings+=("podman-client-ctr=$(( $(now_ms) - t1 ))ms")
}

# --- 1. vxlan ---------------------------------------------------------------------------------------------------
mode=vxlan
if up_timed vxlan; then
  topology_checks vxlan 1450
  qperf_checks vxlan
  # A second up on the live testbed: one line on stderr, exit 2, the testbed untouched.
  timeout 30 "$tb" up --mode host-gw > "$work/up2.out" 2> "$work/up2.err"
  rc=$?
  [[ $rc -eq 2 && $(wc -l < "$work/up2.err") -eq 1 && ! -s "$work/up2.out" ]] && grep -q 'already up' "$work/up2.err" \
    && ok "second up: exit 2, '$(cat "$work/up2.err")'" || { bad "second up: exit $rc"; cat "$work/up2.out" "$work/up2.err" | indent; }
  load_status
  [[ ${S[MODE]:-} == vxlan ]] && tbx pod-a1 ping -c 1 -W 2 -q 10.244.2.2 >/dev/null \
    && ok "second up left the live testbed alone" || bad "second up changed the live testbed"
  podman_smoke
  # Why the masquerade matters: without it node-b answers pod-a1 from its VTEP address (10.244.2.0), not from
  # 198.18.0.2, qperf's connected UDP socket never sees the reply, and udp_lat reports the whole -t (1 s).
  tbx node-a nft delete table ip "$P-nat"
  timeout 30 "$tb" exec pod-a1 -- qperf 198.18.0.2 -lp "$port" -t 1 udp_lat > "$work/nomasq.txt" 2>&1
  u=$(lat_us "$work/nomasq.txt" udp_lat)
  [[ -n $u ]] && (( u >= 500000 )) && ok "vxlan without masquerade: udp_lat pod-a1 -> node-b gets no answer (${u} us)" \
    || { bad "vxlan without masquerade: udp_lat pod-a1 -> node-b unexpectedly answered (${u:-?} us)"; indent < "$work/nomasq.txt"; }
fi
down_checks vxlan
mode=

# --- 2. failures during up --------------------------------------------------------------------------------------
# up fails half-way (nft missing: after namespaces, links and routes exist) -> it removes what it made.
mkdir -p "$work/fakebin"
printf '#!/bin/sh\necho "nft: simulated failure" >&2\nexit 1\n' > "$work/fakebin/nft"
chmod +x "$work/fakebin/nft"
PATH=$work/fakebin:$PATH timeout 30 "$tb" up --mode vxlan > "$work/fail.txt" 2>&1
rc=$?
[[ $rc -ne 0 && $rc -ne 2 ]] && grep -q 'did not complete' "$work/fail.txt" && ok "up failing half-way exits $rc and says so" \
  || { bad "up failing half-way: exit $rc"; indent < "$work/fail.txt"; }
nothing_left "up failing half-way"

# SIGTERM in the middle of up -> its trap removes what it made.
kill_mid_up() {  # SIGNAL -> exit code of up, "late" if up had finished before the signal
  # up holds after making the namespaces while the hold file exists (JQTB_HOLD_WHILE), so the signal lands mid-up.
  local hold="$work/hold"
  : > "$hold"
  JQTB_HOLD_WHILE="$hold" "$tb" up --mode vxlan > "$work/kill.txt" 2>&1 &
  local pid=$!
  for _ in $(seq 1000); do
    [[ -e /run/netns/$P-pod-b1 ]] && break
    sleep 0.005
  done
  sleep 0.05
  local sent=0
  kill "-$1" "$pid" 2>/dev/null && sent=1
  rm -f "$hold"
  if [[ $sent == 1 ]]; then wait "$pid"; echo $?; else wait "$pid"; echo late; fi
}
rc=$(kill_mid_up TERM)
[[ $rc == 143 ]] && ok "SIGTERM during up: exit 143" || { bad "SIGTERM during up: exit $rc"; indent < "$work/kill.txt"; }
nothing_left "SIGTERM during up"

# kill -9 in the middle of up (no trap runs): up refuses the leftovers, down removes them, a fresh up works.
rc=$(kill_mid_up KILL)
if [[ $rc == 137 ]]; then
  ok "kill -9 during up (left: $(leftover_ns | wc -l) namespaces, $(ip -n "$P-node-a" -o link show 2>/dev/null | wc -l) links in node-a)"
  timeout 30 "$tb" up --mode host-gw > /dev/null 2> "$work/up3.err"
  rc=$?
  [[ $rc -eq 2 ]] && ok "up after a killed up refuses the leftovers (exit 2)" || { bad "up after a killed up: exit $rc"; indent < "$work/up3.err"; }
  check "down after a killed up" timeout 30 "$tb" down
  nothing_left "down after a killed up"
else
  bad "kill -9 during up: up was not running any more ($rc)"
  timeout 30 "$tb" down > /dev/null 2>&1   # so the checks after this one start from nothing
fi

# --- 3. host-gw (the fresh up after the killed one) ---------------------------------------------------------------
mode=host-gw
if up_timed host-gw; then
  topology_checks host-gw 1500
  qperf_checks host-gw
fi
down_checks host-gw
mode=

# --- 4. nothing left ---------------------------------------------------------------------------------------------
check "down is idempotent (twice on nothing)" bash -c "timeout 30 '$tb' down && timeout 30 '$tb' down"
timeout 10 "$tb" status > "$work/status.txt"
rc=$?
[[ $rc -eq 3 ]] && grep -qx 'STATE=down' "$work/status.txt" && ok "status after down: STATE=down, exit 3" \
  || { bad "status after down: exit $rc"; indent < "$work/status.txt"; }
nothing_left "end"
snapshot > "$work/root-after.txt"
if diff -u "$work/root-before.txt" "$work/root-after.txt" > "$work/root.diff"; then
  ok "root namespace unchanged (links, addresses, routes, rules, nftables ruleset, forwarding)"
else
  bad "root namespace changed"; indent < "$work/root.diff"
fi
grep -q -- "$P-" "$work/root-after.txt" && bad "a $P-* name in the root namespace" || ok "no $P-* name in the root namespace"

finish
