#!/usr/bin/env bash
# Checks the runner image (mvn -B package -Prunner-image -DskipTests -pl container -am, after the scenarios jar is
# built) without a cluster, with the runner Job's security settings (read-only root, /tmp writable, no capabilities,
# user 10001, 768 MiB):
#   - `--scenarios --kubernetes --dry-run` prints the 15 pods of the five scenarios (the overlays inside the jar);
#   - `--scenarios --report-only` draws report.md, report.html and the PNG charts from the scenarios module's fixture
#     results.json (java.desktop, fonts);
#   - with an in-cluster environment pointing at a closed port it fails in one line per problem, exit 1 (the
#     Kubernetes client and its JDK HTTP client load; no cluster needed).
# Needs root, podman and runc (as container/test-image.sh). Loads the tar, removes the image afterwards
# (KEEP_IMAGE=1 keeps it). Prints "N passed, M failed" last; exits non-zero on a failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tar=${JQPERF_RUNNER_IMAGE_TAR:-$root/container/target/jqperf-runner-image.tar}
image=localhost/jqperf-runner:0.1.0-SNAPSHOT
[[ -f $tar ]] || { echo "FAIL: no $tar (mvn -B package -Prunner-image -DskipTests -pl container -am)"; exit 1; }
work=$(mktemp -d /tmp/jqperf-runner-it.XXXXXX)
cat >"$work/containers.conf" <<'CONF'
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
  [[ -n ${KEEP_IMAGE:-} ]] || podman rmi -f "$image" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
passed=0
failed=0
ok()  { passed=$((passed + 1)); echo "PASS: $*"; }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

if podman load -q -i "$tar" >/dev/null 2>&1; then ok "loaded $tar"; else bad "podman load -i $tar"; fi
# shellcheck disable=SC2054  # the commas belong to --tmpfs's value
sec=(--rm --read-only --tmpfs /tmp:rw,mode=1777 --cap-drop=all --security-opt=no-new-privileges --user=10001:10001
  --memory=768m)

if timeout 120 podman run "${sec[@]}" "$image" --scenarios --kubernetes --dry-run --nodes w1,w2 \
    >"$work/dry.yaml" 2>"$work/dry.err"; then
  n=$(grep -c '^kind:' "$work/dry.yaml")
  s=$(grep -oE 'jqperf.io/scenario: "[a-z-]+"' "$work/dry.yaml" | sort -u | wc -l)
  if [[ $n -eq 15 && $s -eq 5 ]]; then
    ok "--dry-run in the image: $n objects, $s scenarios"
  else
    bad "--dry-run in the image: $n objects, $s scenario labels (want 15, 5)"
  fi
else
  bad "--dry-run in the image failed: $(tail -c 300 "$work/dry.err")"
fi

mkdir -p "$work/rep"
cp "$root/container/scenarios/src/test/resources/fixture/results.json" "$work/rep/"
chmod -R a+rwX "$work/rep"
if timeout 120 podman run "${sec[@]}" -v "$work/rep:/results" "$image" --scenarios --report-only /results \
    >"$work/rep.log" 2>&1; then
  missing=()
  for f in report.md report.html bandwidth.png latency.png; do [[ -s $work/rep/$f ]] || missing+=("$f"); done
  if [[ ${#missing[@]} -eq 0 ]] && file "$work/rep/bandwidth.png" | grep -q 'PNG image'; then
    ok "--report-only in the image: report.md, report.html, charts ($(find "$work/rep" -name '*.png' | wc -l) PNGs)"
  else
    bad "--report-only in the image: missing ${missing[*]}"
  fi
else
  bad "--report-only in the image failed: $(tail -c 300 "$work/rep.log")"
fi

mkdir -p "$work/out" && chmod a+rwx "$work/out"
rc=0
timeout 120 podman run "${sec[@]}" -v "$work/out:/results" -e KUBERNETES_SERVICE_HOST=127.0.0.1 \
  -e KUBERNETES_SERVICE_PORT=1 "$image" --scenarios --kubernetes --out /results --quick >"$work/k.log" 2>&1 || rc=$?
if [[ $rc -eq 1 ]] && grep -q 'cannot use the cluster at https://127.0.0.1:1/' "$work/k.log" \
    && ! grep -qE '^[[:space:]]+at [[:alnum:]_.$]+\(|^Exception in thread' "$work/k.log"; then
  ok "in-cluster config, no API server: exit 1, one line per problem ($(grep -c . "$work/k.log") lines), no stack trace"
else
  bad "in-cluster config, no API server: rc=$rc $(tail -c 400 "$work/k.log")"
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
