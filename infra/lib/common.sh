# Shared paths and helpers for the no-Docker runners. Sourced, never executed.
# The toolchain lives under .local/ in the repo, and so does the state of the
# shop (data, logs, pids) unless SHOP_STATE names another folder (a second shop
# beside the first, see infra/env.sh); downloads and builds that are expensive
# to redo live in a per-user cache shared by clones.

SHOP_ROOT="${SHOP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
SHOP_LOCAL="$SHOP_ROOT/.local"
export SHOP_STATE="${SHOP_STATE:-$SHOP_LOCAL}"
SHOP_LOGS="$SHOP_STATE/logs"
SHOP_RUN="$SHOP_STATE/run"
SHOP_CACHE="${SHOP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/event-shop}"
mkdir -p "$SHOP_LOGS" "$SHOP_RUN" "$SHOP_CACHE"

# shellcheck source=../env.sh
source "$SHOP_ROOT/infra/env.sh"
# The Kafka logins (SHOP_KAFKA_AUTH=scram): they need SHOP_STATE and the services, so after env.sh.
# shellcheck source=../kafka/credentials.sh
source "$SHOP_ROOT/infra/kafka/credentials.sh"

# Messages go to stderr; a reader that went away (`./shop up | tee log`, then
# Ctrl-C) must not stop the clean-up that is printing them.
say()  { printf '\033[1m[%s]\033[0m %s\n' "${COMPONENT:-shop}" "$*" >&2 2>/dev/null || true; }
fail() { printf '\033[31m[%s] error:\033[0m %s\n' "${COMPONENT:-shop}" "$*" >&2 2>/dev/null || true; exit 1; }

# Installs a Debian package with apt-get (after an index update if the first
# try fails), quietly: apt's output goes to $SHOP_LOGS/<package>-install.log.
# Where it cannot (no apt-get, not root, apt failed) it says why and returns 1;
# `consequence` ends those lines (what fails without the package, what to do).
apt_install() { # package purpose consequence
  local package=$1 purpose=$2 consequence=$3 log="$SHOP_LOGS/$1-install.log"
  if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    say "$package not found and not installable here (needs apt-get as root): $consequence"
    return 1
  fi
  say "installing Debian's $package for $purpose (log: $log)"
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$package" \
      || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$package"; }
  } >>"$log" 2>&1 || { say "could not install $package (see $log): $consequence"; return 1; }
}

require_command() { # name hint
  command -v "$1" >/dev/null 2>&1 || fail "'$1' not found: $2"
}

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

read_pid() { [ -f "$SHOP_RUN/$1.pid" ] && cat "$SHOP_RUN/$1.pid"; }

port_in_use() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Fails with the owner's name when something else already listens on a port.
require_free_port() { # host port what
  if port_in_use "$1" "$2"; then
    fail "port $1:$2 needed by $3 is already taken ($(ss -ltnpH "sport = :$2" 2>/dev/null | sed -E 's/.*users:\(\("([^"]+)".*/\1/' | head -1))"
  fi
}

# Polls a check (a real protocol round trip) until it succeeds. With a pid, fails
# fast when that process dies, showing the end of its log.
wait_until() { # timeout_seconds description logfile pid|- command...
  local timeout=$1 what=$2 log=$3 pid=$4; shift 4
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [ "$pid" != - ] && ! pid_alive "$pid"; then
      tail -n 20 "$log" >&2
      fail "$what exited during start-up; see $log"
    fi
    [ $SECONDS -lt $deadline ] || fail "$what not ready after ${timeout}s; see $log"
    sleep 0.2
  done
}

# Sends TERM, waits for the process to exit, then KILL as a last resort.
stop_pid() { # pid name timeout
  local pid=$1 name=$2 timeout=${3:-20}
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while pid_alive "$pid"; do
    if [ $SECONDS -ge $deadline ]; then
      say "$name did not stop in ${timeout}s; killing"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.1
  done
}

# Stops a component that runs from a pid file in $SHOP_RUN, and forgets the pid.
stop_component() { # name [timeout seconds]
  local COMPONENT=$1 pid
  pid=$(read_pid "$1") || true
  if pid_alive "$pid"; then say "stopping"; stop_pid "$pid" "$1" "${2:-20}"; fi
  rm -f "$SHOP_RUN/$1.pid"
}

# How long a process has been running, as "3m 12s".
process_age() { # pid
  local s; s=$(ps -o etimes= -p "$1" 2>/dev/null | tr -d ' ')
  [ -n "$s" ] || { echo -; return; }
  if [ "$s" -lt 60 ]; then echo "${s}s"
  elif [ "$s" -lt 3600 ]; then echo "$((s / 60))m $((s % 60))s"
  else echo "$((s / 3600))h $((s % 3600 / 60))m"; fi
}

# One line of `./shop infra status` (and `./shop status`): component, state, up for, detail.
status_line() { # name running|stopped pid|- detail
  local age=-
  [ "$3" != - ] && age=$(process_age "$3")
  printf '%-11s %-8s %-8s %s\n' "$1" "$2" "$age" "${4:-}"
}
