# The Slack sink (infra/slack-sink/slack-sink.ts): a local receiver following
# Slack's incoming-webhook contract, the slack-notifier's outside world. Node 24
# runs the TypeScript file as it is. Sourced by infra/infra.sh.

SLACK_SINK_SCRIPT="$SHOP_ROOT/infra/slack-sink/slack-sink.ts"
SLACK_SINK_LOG="$SHOP_LOGS/slack-sink.log"

# The sink needs Node >= 24.9 (type stripping): the machine's, or the toolchain's in .local/tools.
slack_sink_node() {
  # shellcheck source=../toolchain.sh
  source "$SHOP_ROOT/infra/toolchain.sh"
  ensure_toolchain
  command -v node
}

slack_sink_ready() { curl -fsS -o /dev/null "$SLACK_SINK_URL/livez"; }

slack_sink_start() {
  local COMPONENT=slack-sink
  if pid_alive "$(read_pid slack-sink)" && slack_sink_ready; then say "already running"; return; fi
  local node; node=$(slack_sink_node)
  require_free_port "$SLACK_SINK_HOST" "$SLACK_SINK_PORT" slack-sink
  say "starting (webhooks at $SLACK_SINK_URL/services/...; log: $SLACK_SINK_LOG)"
  SLACK_SINK_HOST="$SLACK_SINK_HOST" SLACK_SINK_PORT="$SLACK_SINK_PORT" \
    setsid "$node" "$SLACK_SINK_SCRIPT" >>"$SLACK_SINK_LOG" 2>&1 < /dev/null &
  echo $! > "$SHOP_RUN/slack-sink.pid"
  wait_until 15 slack-sink "$SLACK_SINK_LOG" $! slack_sink_ready
  say "ready: messages at $SLACK_SINK_URL/api/messages"
}

slack_sink_stop() { stop_component slack-sink 10; }

slack_sink_status() {
  local pid; pid=$(read_pid slack-sink) || true
  if pid_alive "$pid" && slack_sink_ready; then status_line slack-sink running "$pid" "pid $pid  $SLACK_SINK_URL"; return 0; fi
  status_line slack-sink stopped -; return 3
}
