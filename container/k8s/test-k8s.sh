#!/usr/bin/env bash
# CI check of everything Kubernetes that needs no cluster (issue 13):
#   1. every scenario overlay and the runner kustomizations render with `kubectl kustomize` (or `kustomize build`),
#      exit 0 and NOTHING on stderr (today's syntax: no deprecation warning);
#   2. KubernetesManifestsStrictTest (module container): every rendered document parses strictly into fabric8's model
#      classes (unknown fields fail), the runner's RBAC grants exactly what the runner needs, no wildcard;
#   3. the kubectl plugin container/bin/kubectl-jqperf (container/bin/test-kubectl-jqperf.sh, through kubectl's plugin
#      discovery);
#   4. when `./jqperf --scenarios --kubernetes --dry-run` works in this tree: its multi-document stream goes through
#      the same strict parse, each object labelled jqperf.io/scenario, all five scenarios present (step 2 reads it from
#      $JQPERF_K8S_DRY_RUN). Without the scenarios jar, or on a tree whose runner has no --kubernetes yet, this step
#      is reported as SKIP; JQPERF_K8S_REQUIRE_DRY_RUN=1 turns that into a failure.
# Needs: JDK 17, Maven (the project's dependencies), a kubectl with kustomize v4+ (or $JQPERF_KUBECTL). No cluster, no
# root. Prints one PASS/FAIL/SKIP line per check and "N passed, M failed" last; exits non-zero on a failure.
# Env: MVN (default mvn), MVN_ARGS (extra Maven arguments, e.g. -o).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d /tmp/jqperf-k8s-ci.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok()   { passed=$((passed + 1)); echo "PASS: $*"; }
bad()  { failed=$((failed + 1)); echo "FAIL: $*"; }
skip() { echo "SKIP: $*"; }

# ---- 1. render silently ----------------------------------------------------------------------------------------
if [[ -n ${JQPERF_KUBECTL:-} ]]; then
  render=("$JQPERF_KUBECTL" kustomize)
elif command -v kubectl >/dev/null 2>&1; then
  render=(kubectl kustomize)
elif command -v kustomize >/dev/null 2>&1; then
  render=(kustomize build)
else
  bad "no kubectl or kustomize on the PATH (.ci/run installs a kubectl with kustomize v4+)"
  echo "$passed passed, $failed failed"
  exit 1
fi
dirs=()
for d in "$here"/overlays/*/ "$here"/runner/base/ "$here"/runner/create-namespace/; do
  dirs+=("${d%/}")
done
if [[ ${#dirs[@]} -eq 7 ]]; then
  ok "7 kustomizations (5 overlays, runner base, runner create-namespace)"
else
  bad "expected 7 kustomizations, found ${#dirs[@]}: ${dirs[*]#"$here"/}"
fi
for d in "${dirs[@]}"; do
  name=${d#"$here"/}
  if "${render[@]}" "$d" >"$tmp/out.yaml" 2>"$tmp/err"; then
    if [[ -s $tmp/err ]]; then
      bad "$name renders with output on stderr: $(head -c 300 "$tmp/err" | tr '\n' ' ')"
    elif ! grep -q '^kind: ' "$tmp/out.yaml"; then
      bad "$name renders no object"
    else
      ok "$name renders silently ($(grep -c '^kind: ' "$tmp/out.yaml") objects)"
    fi
  else
    bad "$name does not render: $(head -c 300 "$tmp/err" | tr '\n' ' ')"
  fi
done

# ---- 4 (prepared first, checked in 2). the runner's --dry-run stream -------------------------------------------
dry=
sjar=${JQPERF_SCENARIOS_JAR:-$root/container/scenarios/target/jqperf-scenarios.jar}
if [[ ! -f $sjar ]]; then
  why="no $sjar (build it with: mvn -B -q package -DskipTests)"
elif ! "$root/jqperf" --scenarios --help 2>&1 | grep -q -- '--dry-run'; then
  why="this tree's runner has no --kubernetes --dry-run yet (jqperf --scenarios --help does not list it)"
else
  why=
  if timeout 120 "$root/jqperf" --scenarios --kubernetes --dry-run >"$tmp/dry-run.yaml" 2>"$tmp/dry-run.err"; then
    n=$(grep -c '^kind: ' "$tmp/dry-run.yaml")
    if [[ $n -gt 0 ]]; then
      ok "./jqperf --scenarios --kubernetes --dry-run: $n objects on stdout (no cluster)"
      dry=$tmp/dry-run.yaml
    else
      bad "./jqperf --scenarios --kubernetes --dry-run printed no object"
    fi
  else
    bad "./jqperf --scenarios --kubernetes --dry-run failed: $(tail -c 300 "$tmp/dry-run.err" | tr '\n' ' ')"
  fi
fi
if [[ -n $why ]]; then
  if [[ ${JQPERF_K8S_REQUIRE_DRY_RUN:-} == 1 ]]; then bad "dry-run required: $why"; else skip "dry-run: $why"; fi
fi

# ---- 2. strict parse and RBAC (and the dry-run stream) -----------------------------------------------------------
test=KubernetesManifestsStrictTest
reports=$root/container/target/surefire-reports
rm -f "$reports/TEST-io.github.jqperf.container.$test.xml"
# shellcheck disable=SC2086  # MVN_ARGS is a list of words
if (cd "$root" && CI=true JQPERF_K8S_DRY_RUN=$dry "${MVN:-mvn}" -B -q ${MVN_ARGS:-} test -pl container -am \
      -Dtest="$test" -Djqperf.container.excludedGroups=not-a-tag -Dsurefire.failIfNoSpecifiedTests=false \
      >"$tmp/mvn.log" 2>&1); then
  xml=$reports/TEST-io.github.jqperf.container.$test.xml
  if [[ -f $xml ]]; then
    counts=$(grep -o '<testsuite [^>]*' "$xml" | grep -oE '(tests|failures|errors|skipped)="[0-9]+"' | tr '\n' ' ')
    ok "$test: $counts"
    if [[ -n $dry ]]; then
      if grep -q 'dryRunStreamShouldBeStrictAndLabelledWithAllFiveScenarios' "$xml" \
          && ! grep -A1 'dryRunStreamShouldBeStrictAndLabelledWithAllFiveScenarios' "$xml" | grep -q '<skipped'; then
        ok "--dry-run stream: strict, every object labelled jqperf.io/scenario, all five scenarios"
      else
        bad "--dry-run stream check did not run ($xml)"
      fi
    fi
  else
    bad "$test: no report $xml"
  fi
else
  bad "$test failed:"
  grep -E 'Tests run:|FAIL|ERROR\]' "$tmp/mvn.log" | head -20 | sed 's/^/    /'
fi

# ---- 3. the kubectl plugin ---------------------------------------------------------------------------------------
if bash "$root/container/bin/test-kubectl-jqperf.sh" >"$tmp/plugin.log" 2>&1; then
  ok "kubectl plugin: $(tail -1 "$tmp/plugin.log")"
else
  bad "kubectl plugin:"
  grep -v '^ok ' "$tmp/plugin.log" | sed 's/^/    /'
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
