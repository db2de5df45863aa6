#!/usr/bin/env bash
# ./shop up: set up, start the infrastructure and every app in the foreground,
# logs prefixed by service. Ctrl-C stops the apps, then the infrastructure this
# run started. Running it again while it is up does nothing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
COMPONENT=up
UP_PID_FILE="$SHOP_RUN/up.pid"

if pid_alive "$(read_pid up)"; then
  say "already up (pid $(read_pid up)); gateway on http://127.0.0.1:${SHOP_SERVICE_PORT[gateway]}"
  exit 0
fi

bash "$SHOP_ROOT/infra/setup.sh"
source "$SHOP_ROOT/infra/toolchain.sh"; ensure_toolchain
source "$SHOP_ROOT/infra/lib/services.sh"

infra_was_running=false
bash "$SHOP_ROOT/infra/infra.sh" status >/dev/null 2>&1 && infra_was_running=true
for service in "${SHOP_SERVICES[@]}"; do
  require_free_port 127.0.0.1 "${SHOP_SERVICE_PORT[$service]}" "$service"
done

echo $$ > "$UP_PID_FILE"
declare -A app_pids=()
shutting_down=false
shutdown() {
  $shutting_down && return; shutting_down=true
  trap '' INT TERM
  say "stopping apps"
  local service
  for service in "${!app_pids[@]}"; do kill -TERM "${app_pids[$service]}" 2>/dev/null || true; done
  for service in "${!app_pids[@]}"; do stop_pid "${app_pids[$service]}" "$service" 15; done
  $infra_was_running || bash "$SHOP_ROOT/infra/infra.sh" stop
  rm -f "$UP_PID_FILE"
}
trap shutdown EXIT
trap 'exit 130' INT TERM

bash "$SHOP_ROOT/infra/infra.sh" start
migrate_services
ensure_topics

colors=(31 32 33 34 35 36 91 92 93 94)
width=14
i=0
for service in "${SHOP_SERVICES[@]}"; do
  prefix=$(printf '\033[%sm%-*s|\033[0m ' "${colors[i % ${#colors[@]}]}" "$width" "$service"); i=$((i + 1))
  # Each app in its own process group (setsid), so Ctrl-C reaches only this script.
  mapfile -t app_env < <(service_env "$service")   # one variable a line; values may hold spaces
  env "${app_env[@]}" setsid node $SHOP_NODE_OPTIONS "$SHOP_ROOT/apps/$service/dist/main.js" \
    > >(trap "" INT; exec sed -u "s/^/$prefix/") 2>&1 < /dev/null &
  app_pids[$service]=$!
done

app_healthy() { curl -fsS -o /dev/null "http://127.0.0.1:${SHOP_SERVICE_PORT[$1]}/health"; }
for service in "${SHOP_SERVICES[@]}"; do
  wait_until 60 "$service" "the $service lines above" "${app_pids[$service]}" app_healthy "$service"
done

say "all up: $(for s in "${SHOP_SERVICES[@]}"; do printf '%s:%s ' "$s" "${SHOP_SERVICE_PORT[$s]}"; done)"
say "gateway http://127.0.0.1:${SHOP_SERVICE_PORT[gateway]}  jaeger $JAEGER_QUERY_URL  (Ctrl-C stops everything)"

# Stay in the foreground until an app dies or Ctrl-C.
wait -n "${app_pids[@]}" || true
say "an app exited; stopping everything"
exit 1
