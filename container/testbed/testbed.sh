#!/usr/bin/env bash
# A simulated two-node Kubernetes-like cluster on one machine, built from network namespaces only.
#
#   testbed.sh up     [--mode vxlan|host-gw] [--prefix P]   build it (a second up on a live testbed: exit 2)
#   testbed.sh down   [--prefix P]                          remove everything (idempotent, also after a killed up)
#   testbed.sh status [--prefix P]                          KEY=VALUE lines; exit 0 up, 1 partial, 3 down
#   testbed.sh exec   [--prefix P] ROLE -- CMD [ARG...]     run CMD in node-a|node-b|pod-a1|pod-a2|pod-b1
#
# Two "node" namespaces joined by a veth underlay (198.18.0.1/24 <-> 198.18.0.2/24); in each node a bridge
# (10.244.N.1/24) with "pod" namespaces on veth pairs; cross-node pod traffic through a flannel-style VXLAN device
# (VNI 1, UDP 8472, static neighbour + FDB entries, pod MTU 1450) or, with --mode host-gw, plain routes via the
# peer's underlay address (pod MTU 1500). Each node masquerades traffic from its pod CIDR to anything outside the
# cluster pod CIDR 10.244.0.0/16 (flannel's ipMasq), in an nftables table inside the node namespace.
#
# The root network namespace is never changed: every interface is created inside a testbed namespace, and
# addresses, routes, sysctls and nftables rules are set only there. Every name starts with "P-" (default P: jqtb,
# or $TESTBED_PREFIX). Needs root and iproute2 (ip, bridge) and nftables (nft). See README.md.
set -Eeuo pipefail

self=$(readlink -f "$0")
prog=testbed

PREFIX=${TESTBED_PREFIX:-jqtb}
MODE=vxlan

ROLES=(node-a node-b pod-a1 pod-a2 pod-b1)
CLUSTER_CIDR=10.244.0.0/16
UNDERLAY_MTU=1500
VXLAN_ID=1
VXLAN_PORT=8472
VXLAN_MTU=1450

# --- fixed address plan -------------------------------------------------------------------------------------
node_ip()        { case $1 in a) echo 198.18.0.1 ;; b) echo 198.18.0.2 ;; esac; }
node_index()     { case $1 in a) echo 1 ;; b) echo 2 ;; esac; }
pod_cidr()       { echo "10.244.$(node_index "$1").0/24"; }
bridge_ip()      { echo "10.244.$(node_index "$1").1"; }
vtep_ip()        { echo "10.244.$(node_index "$1").0"; }                  # flannel.1's address: the subnet's .0
vtep_mac()       { printf '02:00:0a:f4:%02x:00\n' "$(node_index "$1")"; }  # fixed, locally administered
other()          { case $1 in a) echo b ;; b) echo a ;; esac; }
pod_node()       { echo "${1:0:1}"; }                                      # a1 -> a
pod_ip()         { case $1 in a1) echo 10.244.1.2 ;; a2) echo 10.244.1.3 ;; b1) echo 10.244.2.2 ;; esac; }
PODS=(a1 a2 b1)

# --- names (all carry the prefix; interface names fit in 15 characters with a prefix of up to 5) -------------
ns_of()          { echo "$PREFIX-$1"; }          # role -> namespace: jqtb-node-a, jqtb-pod-a1, ...
if_underlay()    { echo "$PREFIX-underlay"; }    # in each node namespace (both ends share the name)
if_bridge()      { echo "$PREFIX-cbr0"; }        # in each node namespace
if_vxlan()       { echo "$PREFIX-flannel.1"; }   # in each node namespace (vxlan mode)
if_pod()         { echo "$PREFIX-eth0"; }        # in each pod namespace
if_pod_host()    { echo "$PREFIX-veth-$1"; }     # node-side end of pod $1's veth pair
nft_table()      { echo "$PREFIX-nat"; }         # table ip PREFIX-nat in each node namespace

die()   { echo "$prog: $*" >&2; exit 1; }
usage() {
  { echo "usage:"; sed -n '4,7p' "$self" | sed 's/^# \{0,1\}//'; } >&2
  exit "${1:-1}"
}

need_root() { [[ $(id -u) -eq 0 ]] || die "needs root (network namespaces)"; }
need_tools() {
  local t
  for t in "$@"; do command -v "$t" >/dev/null || die "missing $t (apt-get install -y iproute2 nftables)"; done
}

# Serialise up/down of this script (any prefix); the lock is released when the process dies, even by kill -9.
take_lock() {
  exec 9<"$self"
  flock -w 60 9 || die "another up/down is still running"
}

all_ns() { local r; for r in "${ROLES[@]}"; do ns_of "$r"; done; }

# Namespaces with our prefix that exist now (also ones an interrupted up left behind).
existing_ns() {
  local f
  [[ -d /run/netns ]] || return 0
  for f in /run/netns/"$PREFIX"-node-* /run/netns/"$PREFIX"-pod-*; do
    [[ -e $f ]] && basename "$f"
  done
  return 0
}

in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# --- down -----------------------------------------------------------------------------------------------------
# Kills what still runs inside the namespaces (a process would keep a deleted namespace, and its interfaces,
# alive), then deletes the namespaces: their interfaces, routes and nftables tables go with them.
teardown() {
  set +e
  local ns pids left=()
  mapfile -t left < <(existing_ns)
  [[ ${#left[@]} -eq 0 ]] && return 0
  for ns in "${left[@]}"; do
    pids=$(ip netns pids "$ns" 2>/dev/null)
    [[ -n $pids ]] && kill -TERM $pids 2>/dev/null
  done
  local deadline=$((SECONDS + 3))
  for ns in "${left[@]}"; do
    while [[ -n $(ip netns pids "$ns" 2>/dev/null) ]] && (( SECONDS < deadline )); do sleep 0.05; done
    pids=$(ip netns pids "$ns" 2>/dev/null)
    [[ -n $pids ]] && kill -KILL $pids 2>/dev/null
  done
  # Pods first, so the veth pairs die with their pod end; then the nodes (underlay, bridges, vxlan, nft).
  for ns in "${left[@]}"; do [[ $ns == "$PREFIX"-pod-* ]] && ip netns del "$ns" 2>/dev/null; done
  for ns in "${left[@]}"; do [[ $ns == "$PREFIX"-node-* ]] && ip netns del "$ns" 2>/dev/null; done
  local rc=0
  for ns in "${left[@]}"; do
    [[ -e /run/netns/$ns ]] && { echo "$prog: could not delete namespace $ns" >&2; rc=1; }
  done
  set -e
  return $rc
}

cmd_down() {
  need_root; need_tools ip
  take_lock
  local had
  had=$(existing_ns | wc -l)
  teardown || exit 1
  echo "$prog: down (prefix $PREFIX, removed $had namespaces)"
}

# --- up -------------------------------------------------------------------------------------------------------
build_node() {  # a|b
  local n=$1 ns br
  ns=$(ns_of "node-$n"); br=$(if_bridge)
  ip -n "$ns" link set lo up
  in_ns "$ns" sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward'
  ip -n "$ns" link add "$br" type bridge
  ip -n "$ns" addr add "$(bridge_ip "$n")/24" dev "$br"
  ip -n "$ns" link set "$br" up
}

build_underlay() {
  local ul na nb
  ul=$(if_underlay); na=$(ns_of node-a); nb=$(ns_of node-b)
  ip -n "$na" link add "$ul" mtu "$UNDERLAY_MTU" type veth peer name "$ul" netns "$nb" mtu "$UNDERLAY_MTU"
  ip -n "$na" addr add "$(node_ip a)/24" dev "$ul"
  ip -n "$nb" addr add "$(node_ip b)/24" dev "$ul"
  ip -n "$na" link set "$ul" up
  ip -n "$nb" link set "$ul" up
}

build_pod() {  # a1|a2|b1 MTU
  local p=$1 mtu=$2 n ns node host eth
  n=$(pod_node "$p"); ns=$(ns_of "pod-$p"); node=$(ns_of "node-$n"); host=$(if_pod_host "$p"); eth=$(if_pod)
  ip -n "$ns" link set lo up
  # Both ends are created inside namespaces: nothing ever appears in the root namespace.
  ip -n "$ns" link add "$eth" mtu "$mtu" type veth peer name "$host" netns "$node" mtu "$mtu"
  ip -n "$ns" addr add "$(pod_ip "$p")/24" dev "$eth"
  ip -n "$ns" link set "$eth" up
  ip -n "$ns" route add default via "$(bridge_ip "$n")" dev "$eth"
  ip -n "$node" link set "$host" master "$(if_bridge)" up
}

build_vxlan() {  # a|b: flannel's vxlan backend with static entries, as flanneld programs them
  local n=$1 o ns vx
  o=$(other "$n"); ns=$(ns_of "node-$n"); vx=$(if_vxlan)
  ip -n "$ns" link add "$vx" address "$(vtep_mac "$n")" mtu "$VXLAN_MTU" type vxlan id "$VXLAN_ID" \
    local "$(node_ip "$n")" dev "$(if_underlay)" dstport "$VXLAN_PORT" nolearning
  ip -n "$ns" addr add "$(vtep_ip "$n")/32" dev "$vx"
  ip -n "$ns" link set "$vx" up
  ip -n "$ns" route add "$(pod_cidr "$o")" via "$(vtep_ip "$o")" dev "$vx" onlink
  ip -n "$ns" neigh replace "$(vtep_ip "$o")" lladdr "$(vtep_mac "$o")" dev "$vx" nud permanent
  bridge -n "$ns" fdb append "$(vtep_mac "$o")" dev "$vx" dst "$(node_ip "$o")"
}

build_host_gw() {  # a|b
  local n=$1 o
  o=$(other "$n")
  ip -n "$(ns_of "node-$n")" route add "$(pod_cidr "$o")" via "$(node_ip "$o")" dev "$(if_underlay)"
}

# flannel's ipMasq: traffic from this node's pods to anything outside the cluster pod CIDR (other nodes'
# addresses, the internet) leaves with the node's address; pod-to-pod traffic keeps the pod address.
build_masquerade() {  # a|b
  local n=$1
  in_ns "$(ns_of "node-$n")" nft -f - <<EOF
table ip $(nft_table) {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    ip saddr $(pod_cidr "$n") ip daddr != $CLUSTER_CIDR ip daddr != 224.0.0.0/4 counter masquerade fully-random
  }
}
EOF
}

up_complete=0
on_up_exit() {
  local rc=$?
  if [[ $up_complete != 1 ]]; then
    echo "$prog: up did not complete (exit $rc): removing what it made" >&2
    teardown || true
    [[ $rc -eq 0 ]] && rc=1
  fi
  exit "$rc"
}

cmd_up() {
  need_root; need_tools ip bridge nft flock
  case $MODE in vxlan|host-gw) ;; *) die "unknown mode '$MODE' (vxlan or host-gw)" ;; esac
  take_lock
  local live
  live=$(existing_ns | tr '\n' ' ')
  if [[ -n $live ]]; then
    echo "$prog: '$PREFIX' is already up (namespaces: ${live% }); run: $0 down --prefix $PREFIX" >&2
    exit 2
  fi
  trap on_up_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP

  local r mtu
  mtu=$([[ $MODE == vxlan ]] && echo "$VXLAN_MTU" || echo "$UNDERLAY_MTU")
  for r in "${ROLES[@]}"; do ip netns add "$(ns_of "$r")"; done
  # Test hook (test-testbed.sh): hold here, namespaces made and nothing else, while this file exists (30 s at most),
  # so a signal can land in the middle of up however fast the machine is.
  if [[ -n ${JQTB_HOLD_WHILE:-} ]]; then
    local held=0
    while [[ -e $JQTB_HOLD_WHILE ]] && (( held < 3000 )); do sleep 0.01; held=$((held + 1)); done
  fi
  build_node a; build_node b
  build_underlay
  for r in "${PODS[@]}"; do build_pod "$r" "$mtu"; done
  if [[ $MODE == vxlan ]]; then
    build_vxlan a; build_vxlan b
  else
    build_host_gw a; build_host_gw b
  fi
  build_masquerade a; build_masquerade b
  up_complete=1
  trap - EXIT INT TERM HUP
  echo "$prog: up (prefix $PREFIX, mode $MODE, pod MTU $mtu)"
}

# --- status ---------------------------------------------------------------------------------------------------
cmd_status() {
  need_root; need_tools ip
  local present=0 r state mode=none mtu=none na
  for r in "${ROLES[@]}"; do [[ -e /run/netns/$(ns_of "$r") ]] && present=$((present + 1)); done
  if (( present == ${#ROLES[@]} )); then state=up; elif (( present == 0 )) && [[ -z $(existing_ns) ]]; then state=down
  else state=partial; fi
  na=$(ns_of node-a)
  local gw_b
  gw_b=$(node_ip b)
  if [[ $state != down ]]; then
    if ip -n "$na" link show "$(if_vxlan)" >/dev/null 2>&1; then mode=vxlan
    elif ip -n "$na" route show "$(pod_cidr b)" 2>/dev/null | grep -qF "via $gw_b "; then mode="host-gw"; fi
    mtu=$(ip -n "$(ns_of pod-a1)" -o link show "$(if_pod)" 2>/dev/null | sed -nE 's/.* mtu ([0-9]+) .*/\1/p')
    mtu=${mtu:-none}
  fi
  echo "PREFIX=$PREFIX"
  echo "STATE=$state"
  echo "MODE=$mode"
  echo "POD_MTU=$mtu"
  echo "UNDERLAY_MTU=$UNDERLAY_MTU"
  echo "CLUSTER_CIDR=$CLUSTER_CIDR"
  echo "ROLES=$(IFS=,; echo "${ROLES[*]}")"
  echo "VXLAN_ID=$VXLAN_ID"
  echo "VXLAN_PORT=$VXLAN_PORT"
  echo "NFT_TABLE=ip $(nft_table)"
  local n N
  for n in a b; do
    N=${n^^}
    echo "NODE_${N}_NETNS=$(ns_of "node-$n")"
    echo "NODE_${N}_NETNS_PATH=/run/netns/$(ns_of "node-$n")"
    echo "NODE_${N}_IP=$(node_ip "$n")"
    echo "NODE_${N}_IF=$(if_underlay)"
    echo "NODE_${N}_POD_CIDR=$(pod_cidr "$n")"
    echo "NODE_${N}_BRIDGE=$(if_bridge)"
    echo "NODE_${N}_BRIDGE_IP=$(bridge_ip "$n")"
    [[ $mode == vxlan ]] && echo "NODE_${N}_VXLAN=$(if_vxlan)" && echo "NODE_${N}_VTEP_IP=$(vtep_ip "$n")"
  done
  local p P
  for p in "${PODS[@]}"; do
    P=${p^^}
    echo "POD_${P}_NETNS=$(ns_of "pod-$p")"
    echo "POD_${P}_NETNS_PATH=/run/netns/$(ns_of "pod-$p")"
    echo "POD_${P}_IP=$(pod_ip "$p")"
    echo "POD_${P}_IF=$(if_pod)"
    echo "POD_${P}_NODE=node-$(pod_node "$p")"
  done
  case $state in up) return 0 ;; partial) return 1 ;; *) return 3 ;; esac
}

# --- exec -----------------------------------------------------------------------------------------------------
cmd_exec() {
  [[ $# -ge 1 ]] || usage
  local role=$1 ok=0 r
  shift
  for r in "${ROLES[@]}"; do [[ $r == "$role" ]] && ok=1; done
  [[ $ok == 1 ]] || die "unknown role '$role' (one of: ${ROLES[*]})"
  [[ ${1:-} == -- ]] && shift
  [[ $# -ge 1 ]] || die "exec $role: no command"
  need_root
  [[ -e /run/netns/$(ns_of "$role") ]] || die "testbed '$PREFIX' is not up (no namespace $(ns_of "$role"))"
  exec ip netns exec "$(ns_of "$role")" "$@"
}

# --- arguments ------------------------------------------------------------------------------------------------
[[ $# -ge 1 ]] || usage
cmd=$1
shift
rest=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --prefix) [[ $# -ge 2 ]] || die "--prefix needs a value"; PREFIX=$2; shift 2 ;;
    --prefix=*) PREFIX=${1#*=}; shift ;;
    --mode) [[ $cmd == up && $# -ge 2 ]] || die "--mode is an option of up"; MODE=$2; shift 2 ;;
    --mode=*) [[ $cmd == up ]] || die "--mode is an option of up"; MODE=${1#*=}; shift ;;
    --) rest+=("$@"); break ;;
    -h|--help) usage 0 ;;
    *) [[ $cmd == exec ]] || die "unknown argument '$1'"; rest+=("$1"); shift ;;
  esac
done
[[ $PREFIX =~ ^[a-z][a-z0-9]{0,4}$ ]] || die "prefix '$PREFIX': 1-5 characters [a-z0-9], starting with a letter"

case $cmd in
  up)     [[ ${#rest[@]} -eq 0 ]] || die "unknown argument '${rest[0]}'"; cmd_up ;;
  down)   [[ ${#rest[@]} -eq 0 ]] || die "unknown argument '${rest[0]}'"; cmd_down ;;
  status) [[ ${#rest[@]} -eq 0 ]] || die "unknown argument '${rest[0]}'"; cmd_status ;;
  exec)   cmd_exec "${rest[@]}" ;;
  -h|--help|help) usage 0 ;;
  *) echo "$prog: unknown command '$cmd'" >&2; usage ;;
esac
