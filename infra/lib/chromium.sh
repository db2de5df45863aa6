# Chromium for the browser tests (e2e/browser): playwright-core drives the
# machine's Chromium and never downloads a browser of its own.
# Sourced by infra/test.sh.

# Uses CHROMIUM_PATH or /usr/bin/chromium when there is one; otherwise installs
# Debian's chromium (apt_install, infra/lib/common.sh).
# Where it cannot be installed (no apt-get, not root) it only says so: the
# browser tests then fail and name what is missing (e2e/support/browser.ts).
ensure_chromium() {
  local COMPONENT=chromium
  local browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$browser" ] && return 0
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    say "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable: the browser tests will fail"
    return 0
  fi
  apt_install chromium "the browser tests" \
    "the browser tests will fail; install Debian's chromium package or set CHROMIUM_PATH" || true
}
