# Jaeger v2 built from its Go module (pinned in infra/jaeger/go.mod), built once
# into the per-user cache and reused. Sourced by infra/infra.sh.

JAEGER_MODULE_DIR="$SHOP_ROOT/infra/jaeger"
JAEGER_VERSION="$(sed -nE 's/^require github.com\/jaegertracing\/jaeger (v[^ ]+).*/\1/p' "$JAEGER_MODULE_DIR/go.mod")"
JAEGER_BIN="$SHOP_CACHE/jaeger-$JAEGER_VERSION/jaeger"
JAEGER_LOG="$SHOP_LOGS/jaeger.log"

jaeger_build() {
  [ -x "$JAEGER_BIN" ] && return
  require_command go "Jaeger is built from its Go module; install Go >= 1.24"
  say "building Jaeger $JAEGER_VERSION from the Go module proxy (first time only; several minutes)"
  local started=$SECONDS
  (cd "$JAEGER_MODULE_DIR" && GOTOOLCHAIN=local GOFLAGS=-mod=readonly \
    go build -trimpath -ldflags='-s -w' -o "$JAEGER_BIN.tmp" github.com/jaegertracing/jaeger/cmd/jaeger) \
    >>"$SHOP_LOGS/jaeger-build.log" 2>&1 || fail "Jaeger build failed; see $SHOP_LOGS/jaeger-build.log"
  mv "$JAEGER_BIN.tmp" "$JAEGER_BIN"
  say "built in $((SECONDS - started))s: $JAEGER_BIN"
}

jaeger_ready() { curl -fsS -o /dev/null "$JAEGER_QUERY_URL/api/services" && curl -fsS -o /dev/null "http://127.0.0.1:$JAEGER_HEALTH_PORT/status"; }

jaeger_start() {
  local COMPONENT=jaeger
  if pid_alive "$(read_pid jaeger)" && jaeger_ready; then say "already running"; return; fi
  jaeger_build
  local port
  for port in "$JAEGER_OTLP_GRPC_PORT" "$JAEGER_OTLP_HTTP_PORT" "$JAEGER_QUERY_PORT" "$JAEGER_QUERY_GRPC_PORT" "$JAEGER_HEALTH_PORT"; do
    require_free_port 127.0.0.1 "$port" jaeger
  done
  say "starting (OTLP $JAEGER_OTLP_GRPC_PORT/$JAEGER_OTLP_HTTP_PORT, query $JAEGER_QUERY_PORT; log: $JAEGER_LOG)"
  setsid "$JAEGER_BIN" --config "$JAEGER_MODULE_DIR/config.yaml" >>"$JAEGER_LOG" 2>&1 < /dev/null &
  echo $! > "$SHOP_RUN/jaeger.pid"
  wait_until 30 jaeger "$JAEGER_LOG" $! jaeger_ready
  say "ready: query API and UI at $JAEGER_QUERY_URL"
}

jaeger_stop() { stop_component jaeger; }

jaeger_status() {
  local pid; pid=$(read_pid jaeger) || true
  if pid_alive "$pid" && jaeger_ready; then status_line jaeger running "$pid" "pid $pid  $JAEGER_QUERY_URL"; return 0; fi
  status_line jaeger stopped -; return 3
}
