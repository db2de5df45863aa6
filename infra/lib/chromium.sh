# Chromium for the browser tests (e2e/browser): playwright-core drives the
# machine's Chromium and never downloads a browser of its own.
# Sourced by infra/test.sh.

# Uses CHROMIUM_PATH or /usr/bin/chromium when there is one; otherwise installs
# Debian's chromium. Quiet; the apt output goes to .local/logs/chromium-install.log.
# Where it cannot be installed (no apt-get, not root) it only says so: the
# browser tests then fail and name what is missing (e2e/support/browser.ts).
ensure_chromium() {
  local COMPONENT=chromium log="$SHOP_LOGS/chromium-install.log"
  local browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$browser" ] && return 0
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    say "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable: the browser tests will fail"
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    say "chromium not found at $browser and not installable here (needs apt-get as root): the browser tests will fail; install Debian's chromium package or set CHROMIUM_PATH"
    return 0
  fi
  say "installing Debian's chromium for the browser tests (log: $log)"
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium \
      || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; }
  } >>"$log" 2>&1 \
    || say "could not install chromium (see $log): the browser tests will fail"
}
