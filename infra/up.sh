#!/usr/bin/env bash
# ./shop up: set up, start the infrastructure and every app in the foreground
# under a supervisor (infra/supervisor/supervisor.ts): logs prefixed by
# service, an app that exits restarted with backoff. Ctrl-C, SIGTERM, SIGHUP or
# a closed output pipe stop the apps, then the infrastructure this run started.
# Running it again while it is up does nothing. --no-setup skips the install
# and build (what is built runs as it is). --brokers 3 runs Kafka as a
# three-node cluster (replication 3, min.insync.replicas 2); one node by default.
# --replicas N runs N processes of every app, the gateway's behind HAProxy
# (README: Running several replicas).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
COMPONENT=up
UP_PID_FILE="$SHOP_RUN/up.pid"

# A reader that goes away (`./shop up | tee log`, then Ctrl-C) must not kill
# this script before its clean-up: writes then fail, quietly, instead.
trap '' PIPE

if pid_alive "$(read_pid up)"; then
  say "already up (pid $(read_pid up)); gateway on http://127.0.0.1:${SHOP_SERVICE_PORT[gateway]}"
  exit 0
fi

setup=true
usage="usage: ./shop up [--no-setup] [--brokers N] [--replicas N]"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-setup) setup=false; shift ;;
    # Kafka as a cluster of N nodes (infra/kafka/kafka.sh); the apps get all of their addresses.
    --brokers) [ $# -ge 2 ] || fail "--brokers needs a number ($usage)"; shop_use_brokers "$2" || exit 2; shift 2 ;;
    --brokers=*) shop_use_brokers "${1#--brokers=}" || exit 2; shift ;;
    --replicas) [ $# -ge 2 ] || fail "--replicas needs a number ($usage)"; export SHOP_REPLICAS=$2; shift 2 ;;
    --replicas=*) export SHOP_REPLICAS=${1#--replicas=}; shift ;;
    *) fail "unknown option '$1' ($usage)" ;;
  esac
done
$setup && bash "$SHOP_ROOT/infra/setup.sh"
source "$SHOP_ROOT/infra/toolchain.sh"; ensure_toolchain
source "$SHOP_ROOT/infra/lib/services.sh"
[[ "$SHOP_REPLICAS" =~ ^[1-9][0-9]*$ ]] && [ "$SHOP_REPLICAS" -le "$SHOP_MAX_REPLICAS" ] \
  || fail "--replicas must be a number from 1 to $SHOP_MAX_REPLICAS, not '$SHOP_REPLICAS'"
if [ "$SHOP_REPLICAS" -gt 1 ]; then
  source "$SHOP_ROOT/infra/haproxy/haproxy.sh"
  ensure_haproxy || fail "the gateway's replicas need HAProxy in front of them"
  haproxy_config > "$HAPROXY_CONFIG"
  "$HAPROXY_BIN" -c -q -f "$HAPROXY_CONFIG" || fail "HAProxy refuses its configuration ($HAPROXY_CONFIG)"
fi

infra_was_running=false
bash "$SHOP_ROOT/infra/infra.sh" status >/dev/null 2>&1 && infra_was_running=true
while read -r port what; do
  require_free_port 127.0.0.1 "$port" "$what"
done < <(replica_ports)

echo $$ > "$UP_PID_FILE"
supervisor=
shutdown() {
  trap '' INT TERM HUP
  if pid_alive "$supervisor"; then kill -TERM "$supervisor" 2>/dev/null || true; wait "$supervisor" 2>/dev/null || true; fi
  $infra_was_running || bash "$SHOP_ROOT/infra/infra.sh" stop
  rm -f "$UP_PID_FILE"
}
trap shutdown EXIT
trap 'exit 130' INT TERM HUP

start_apps() {
  if [ "$SHOP_REPLICAS" -gt 1 ]; then
    say "starting $SHOP_REPLICAS replicas of each app, the gateway's behind HAProxy on port ${SHOP_SERVICE_PORT[$SHOP_EDGE_SERVICE]} (logs also in $SHOP_LOGS/<app>#<k>.log)"
  else
    say "starting the apps (logs also in $SHOP_LOGS/<app>.log)"
  fi
  # In the background, so this script's traps run at once on a signal and pass it on.
  node "$SHOP_ROOT/infra/supervisor/supervisor.ts" &
  supervisor=$!
}
prepare_infra start_apps
trap 'kill -TERM "$supervisor" 2>/dev/null || true' INT TERM HUP
status=0
# `wait` returns early when a trapped signal arrives; wait again until the supervisor is gone.
while pid_alive "$supervisor"; do wait "$supervisor" || status=$?; done
exit "$status"
