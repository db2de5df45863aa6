# actionlint for the workflows' test (e2e/ci): the hosted CI's workflows are checked by
# ./shop test, where no GitHub runner ever executes them. Built once from its Go module,
# pinned in infra/ci/go.mod, into the per-user cache and reused, as Helm is (infra/helm/helm.sh).
#
# actionlint also runs shellcheck on the workflows' `run:` scripts when shellcheck is on
# PATH, and skips that part without a word where it is not: ensure_shellcheck installs
# Debian's (as root with apt-get), so that our run checks what the hosted runner's does.
#
# Sourced (by infra/test.sh), or run: bash infra/ci/actionlint.sh [path]
# prints the binary's path, building it if missing.

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
fi

ACTIONLINT_MODULE_DIR="$SHOP_ROOT/infra/ci"
ACTIONLINT_VERSION="$(sed -nE 's#^[[:space:]]*github.com/rhysd/actionlint (v[^ ]+).*#\1#p' "$ACTIONLINT_MODULE_DIR/go.mod" | head -1)"
ACTIONLINT_BIN="$SHOP_CACHE/actionlint-$ACTIONLINT_VERSION/actionlint"
ACTIONLINT_BUILD_LOG="$SHOP_LOGS/actionlint-build.log"

ensure_actionlint() {
  [ -x "$ACTIONLINT_BIN" ] && return
  local COMPONENT=actionlint
  require_command go "actionlint is built from its Go module; install Go >= 1.26"
  say "building actionlint $ACTIONLINT_VERSION from the Go module proxy (first time only; under a minute)"
  local started=$SECONDS tmp="$ACTIONLINT_BIN.tmp"
  mkdir -p "$(dirname "$ACTIONLINT_BIN")"
  # Niced: the machine's cores are shared with the tests running beside it.
  (cd "$ACTIONLINT_MODULE_DIR" && GOTOOLCHAIN=local GOFLAGS=-mod=readonly nice -n 19 \
    go build -trimpath -ldflags='-s -w' -o "$tmp" github.com/rhysd/actionlint/cmd/actionlint) \
    >>"$ACTIONLINT_BUILD_LOG" 2>&1 || fail "the actionlint build failed; see $ACTIONLINT_BUILD_LOG"
  mv "$tmp" "$ACTIONLINT_BIN"
  say "built in $((SECONDS - started))s: $ACTIONLINT_BIN"
}

ensure_shellcheck() {
  command -v shellcheck >/dev/null 2>&1 && return 0
  local COMPONENT=actionlint
  apt_install shellcheck "actionlint's check of the workflows' scripts" \
    "actionlint checks the workflows without their run: scripts; install Debian's shellcheck package"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_actionlint
  echo "$ACTIONLINT_BIN"
fi
