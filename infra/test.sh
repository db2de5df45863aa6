#!/usr/bin/env bash
# ./shop test: set up, start the infrastructure (stopping it afterwards if this
# run started it), type-check, and run every test: unit, integration, end-to-end.
# Extra arguments go to Jest (e.g. ./shop test e2e/infra); --brokers 3 runs them
# against a three-node Kafka cluster.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
COMPONENT=test

# --brokers N: the tests against a Kafka cluster of N nodes (started here unless one runs);
# every other argument goes to Jest.
jest_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --brokers) [ $# -ge 2 ] || fail "--brokers needs a number (e.g. --brokers 3)"; shop_use_brokers "$2" || exit 2; shift 2 ;;
    --brokers=*) shop_use_brokers "${1#--brokers=}" || exit 2; shift ;;
    *) jest_args+=("$1"); shift ;;
  esac
done

bash "$SHOP_ROOT/infra/setup.sh"
source "$SHOP_ROOT/infra/toolchain.sh"; ensure_toolchain
source "$SHOP_ROOT/infra/lib/services.sh"
source "$SHOP_ROOT/infra/lib/docker-compose.sh"; ensure_docker_compose   # for e2e/compose
source "$SHOP_ROOT/infra/lib/chromium.sh"; ensure_chromium               # for e2e/browser
source "$SHOP_ROOT/infra/haproxy/haproxy.sh"; ensure_haproxy || true     # for e2e/replicas (./shop up --replicas 2 says why without it)
# For e2e/helm: Helm, kubeconform and the schemas, built once and cached; where they cannot be
# built (no Go, Maven or Java 21), e2e/helm fails and names what is missing, the rest runs.
source "$SHOP_ROOT/infra/helm/helm.sh"
( ensure_helm_tools ) || say "could not build the Helm chart's test tools (see $HELM_BUILD_LOG): e2e/helm will fail"
# For e2e/ci: actionlint, built once and cached the same way (without Go, e2e/ci fails and
# says so), and shellcheck, which it runs on the workflows' scripts where it is installed.
source "$SHOP_ROOT/infra/ci/actionlint.sh"
( ensure_actionlint ) || say "could not build actionlint (see $ACTIONLINT_BUILD_LOG): e2e/ci will fail"
ensure_shellcheck || true

prepare_infra_for_this_run

cd "$SHOP_ROOT"
say "type-checking"
pnpm turbo run typecheck --output-logs=errors-only || fail "type errors"
say "linting (ESLint: typescript-eslint's rules and the import boundaries)"
pnpm exec eslint . || fail "lint errors"

results="$SHOP_LOCAL/test-results.json"
rm -f "$results"
status=0
node --experimental-vm-modules --disable-warning=ExperimentalWarning --disable-warning=TimeoutNegativeWarning node_modules/jest/bin/jest.js \
  --json --outputFile="$results" ${jest_args[@]+"${jest_args[@]}"} || status=$?
[ -f "$results" ] || fail "Jest wrote no results (exit $status)"
# The closing line CI reads, whatever the runner.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  console.log(`tests: ${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$results"
exit $status
