#!/usr/bin/env bash
# Tests container/bin/kubectl-jqperf without a cluster: a stub launcher records the command line the plugin runs,
# through kubectl's own plugin discovery when kubectl is on the PATH (else the script is called directly).
# Usage: container/bin/test-kubectl-jqperf.sh      (exit 0 = all passed; one line per failed check)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
plugin=$here/kubectl-jqperf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
checks=0

# the stub launcher: prints each argument on its own line, and KUBECONFIG
cat >"$work/jqperf" <<'STUB'
#!/usr/bin/env bash
printf 'arg:%s\n' "$@"
printf 'KUBECONFIG=%s\n' "${KUBECONFIG:-}"
STUB
chmod +x "$work/jqperf"

if command -v kubectl >/dev/null 2>&1; then
  mkdir -p "$work/path"
  ln -s "$plugin" "$work/path/kubectl-jqperf"
  via=(env PATH="$work/path:$PATH" kubectl jqperf)
  echo "testing through: kubectl jqperf ($(kubectl version --client 2>/dev/null | head -1))"
else
  via=("$plugin")
  echo "kubectl not on the PATH: testing the script directly"
fi

expect() {  # expect NAME EXPECTED_OUTPUT -- ARGS...
  local name=$1 want=$2
  shift 3
  local got rc=0
  got=$(env -u KUBECONFIG JQPERF="$work/jqperf" "${via[@]}" "$@" 2>&1) || rc=$?
  checks=$((checks + 1))
  if [[ $rc -ne 0 || $got != "$want" ]]; then
    fails=$((fails + 1))
    echo "FAIL $name: rc=$rc"
    diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | sed 's/^/    /' || true
  else
    echo "ok   $name"
  fi
}

args() {  # the stub's output for these runner arguments, KUBECONFIG last
  local kc=$1
  shift
  printf 'arg:%s\n' "$@"
  printf 'KUBECONFIG=%s' "$kc"
}

expect "run maps to --scenarios --kubernetes" "$(args '' --scenarios --kubernetes)" -- run
expect "run passes --context and --namespace on, the rest unchanged" \
  "$(args '' --scenarios --kubernetes --context prod --namespace perf --nodes a,b --out 'dir with space')" \
  -- run --context prod --nodes a,b --namespace perf --out 'dir with space'
expect "=forms and -n" "$(args '' --scenarios --kubernetes --context c1 --namespace n1 --namespace n2)" \
  -- run --context=c1 --namespace=n1 -n n2
expect "-nNAME" "$(args '' --scenarios --kubernetes --namespace n3)" -- run -nn3
expect "--kubeconfig becomes KUBECONFIG" "$(args /tmp/kc --scenarios --kubernetes --quick)" \
  -- run --kubeconfig /tmp/kc --quick
expect "dry-run adds --dry-run" "$(args '' --scenarios --kubernetes --context c --dry-run)" -- dry-run --context c
expect "cleanup adds --cleanup" "$(args '' --scenarios --kubernetes --namespace x --cleanup)" -- cleanup -n x
expect "-- ends the plugin's flags" "$(args '' --scenarios --kubernetes --context c --rounds 1 -n z)" \
  -- run --context c -- --rounds 1 -n z

# help: exit 0, usage on stdout, names the three actions
for h in --help -h help; do
  checks=$((checks + 1))
  if out=$(JQPERF="$work/jqperf" "${via[@]}" "$h" 2>/dev/null) && grep -q '^  run ' <<<"$out" \
    && grep -q '^  dry-run ' <<<"$out" && grep -q '^  cleanup ' <<<"$out"; then
    echo "ok   $h"
  else
    fails=$((fails + 1))
    echo "FAIL $h: no usage on stdout"
  fi
done

# errors: exit 2 and one line on stderr saying what to do
err_case() {  # err_case NAME PATTERN ARGS...
  local name=$1 pattern=$2 out rc=0
  shift 2
  out=$(JQPERF="$work/jqperf" "${via[@]}" "$@" 2>&1 >/dev/null) || rc=$?
  checks=$((checks + 1))
  if [[ $rc -eq 2 && $(wc -l <<<"$out") -eq 1 && $out == *"$pattern"* ]]; then
    echo "ok   $name"
  else
    fails=$((fails + 1))
    echo "FAIL $name: rc=$rc stderr: $out"
  fi
}
err_case "unknown action" "unknown action 'bogus'" bogus
err_case "--context without a value" "--context needs a value" run --context
err_case "no action" "no action; use run, dry-run or cleanup"
checks=$((checks + 1))
out=$(env JQPERF="$work/missing" "$plugin" run 2>&1) && rc=0 || rc=$?
if [[ $rc -eq 2 && $out == *"JQPERF=$work/missing is not an executable"* ]]; then echo "ok   bad JQPERF"; else
  fails=$((fails + 1)); echo "FAIL bad JQPERF: rc=$rc $out"; fi

# launcher discovery: without $JQPERF and with no jqperf on the PATH, the repository's ./jqperf next to the script
checks=$((checks + 1))
repo=$(cd "$here/../.." && pwd)
entry=$plugin
[[ -L $work/path/kubectl-jqperf ]] && entry=$work/path/kubectl-jqperf
out=$(env -u JQPERF PATH=/usr/bin:/bin KUBECTL_JQPERF_ECHO=1 "$entry" run --context c 2>&1)
if [[ $out == "$repo/jqperf --scenarios --kubernetes --context c" ]]; then echo "ok   finds $repo/jqperf (through a symlink)"; else
  fails=$((fails + 1)); echo "FAIL launcher discovery: $out"; fi

echo "$((checks - fails))/$checks checks passed"
[[ $fails -eq 0 ]]
