# How the native run starts the apps: their environment, migrations and topics. Sourced.

# kafkajs 2.2.4 schedules a timer with a negative delay on Node >= 23; the warning is noise.
# A young generation of at most 2 MB per semispace: the apps' peak RSS fell by ~30%
# (bench/reports/peak-memory-*.md, measured back to back), for more, cheaper scavenges.
# An old generation of at most 512 MB (about ten times what an app holds live): below
# 2 GB V8 grows the heap by a factor of at most 1.4 between full collections instead
# of 4, so it stays nearer what is live; the apps' peaks fell by ~60 MB in all
# (bench/reports/peak-memory-2026-12-02.md), for slightly more frequent full GCs.
# No --enable-source-maps: it would parse each app's ~4 MB source map at start; stack
# traces name the functions of the app's bundle (dist/main.bundle.mjs,
# tools/bundle/bundle-app.mjs). NODE_OPTIONS=--enable-source-maps brings TypeScript
# positions back when debugging.
SHOP_NODE_OPTIONS="--disable-warning=TimeoutNegativeWarning --max-semi-space-size=2 --max-old-space-size=512"

# The environment every app process runs with, beside its configuration (service_env),
# as NAME=value words; the image sets the same (Dockerfile, e2e/compose/ checks it).
# - MALLOC_ARENA_MAX=2: glibc's malloc gives a thread that finds the arenas busy one of
#   its own, up to 8 a core, and each keeps what it once held; two took ~60 MB off the
#   seven apps' peaks together (bench/reports/peak-memory-2026-12-05.md).
# - NODE_COMPILE_CACHE: Node keeps the bytecode it compiled an app's bundle to, and the
#   next start reads it instead of parsing ~7 MB of source again (less memory held
#   after parsing, a faster start); a changed bundle is compiled afresh.
SHOP_APP_PROCESS_ENV="MALLOC_ARENA_MAX=2 NODE_COMPILE_CACHE=$SHOP_LOCAL/node-compile-cache"

# Replicas (./shop up --replicas N, README: Running several replicas): N processes
# of every app. Replica k (1..N) of an app listens on the app's port + 100·(k-1),
# so replica 1 keeps the port it has alone; the edge app's (the gateway's)
# replicas, when there are several, sit one step further up (port + 100·k),
# because HAProxy takes the gateway's own port in front of them. At most 9: the
# tenth step would reach the next offset's ports (SHOP_PORT_OFFSET=1000).
SHOP_REPLICAS="${SHOP_REPLICAS:-1}"
SHOP_MAX_REPLICAS=9
SHOP_REPLICA_PORT_STEP=100
SHOP_EDGE_SERVICE=$(grep -lE '"edge": *true' "$SHOP_ROOT"/apps/*/package.json 2>/dev/null | head -1 | xargs -r dirname | xargs -r basename)

replica_port() { # service k
  local port=${SHOP_SERVICE_PORT[$1]} k=$2
  if [ "$1" = "$SHOP_EDGE_SERVICE" ] && [ "$SHOP_REPLICAS" -gt 1 ]; then
    echo $((port + SHOP_REPLICA_PORT_STEP * k))
  else
    echo $((port + SHOP_REPLICA_PORT_STEP * (k - 1)))
  fi
}

# How the supervisor, ./shop status and the logs name a replica: the app's name alone when
# there is one of each (as always), "order#2" when there are several.
replica_name() { # service k
  if [ "$SHOP_REPLICAS" -gt 1 ]; then echo "$1#$2"; else echo "$1"; fi
}

# Every port the apps of this run need (and HAProxy's, with replicas), one "port what" a line.
replica_ports() {
  local service k
  for service in "${SHOP_SERVICES[@]}"; do
    for ((k = 1; k <= SHOP_REPLICAS; k++)); do echo "$(replica_port "$service" "$k") $(replica_name "$service" "$k")"; done
  done
  if [ "$SHOP_REPLICAS" -gt 1 ]; then echo "${SHOP_SERVICE_PORT[$SHOP_EDGE_SERVICE]} haproxy"; fi
}

# The environment of one app, one NAME=value a line: every variable the app
# declares (its config schemas, see libs/runtime/src/config/deployment-environment.ts),
# under the same names docker-compose.yml sets; e2e/compose/ keeps the two in step.
# With k, of its replica k: its own PORT; the rest is shared (the same SERVICE_NAME, so the
# replicas of a service share its consumer groups, its database and its relay's lock).
service_env() { # service [k]
  local service=$1 port=${SHOP_SERVICE_PORT[$1]}
  [ -z "${2:-}" ] || port=$(replica_port "$service" "$2")
  printf '%s\n' \
    "SERVICE_NAME=$service" \
    "HOST=127.0.0.1" \
    "PORT=$port"
  # Only an app with a database reads it (see SHOP_DATABASE_SERVICES in infra/env.sh).
  if service_has_database "$service"; then printf '%s\n' "DATABASE_URL=$(service_database_url "$service")"; fi
  # Its own Kafka principal, when the broker requires a login (infra/kafka/credentials.sh).
  if kafka_auth_enabled; then printf '%s\n' "KAFKA_SASL_USERNAME=$service" "KAFKA_SASL_PASSWORD=$(kafka_password "$service")"; fi
  printf '%s\n' \
    "KAFKA_BROKERS=$KAFKA_BROKERS" \
    "OTEL_EXPORTER_OTLP_ENDPOINT=$OTEL_EXPORTER_OTLP_ENDPOINT" \
    "SHOP_TRACE_SAMPLE_RATIO=${SHOP_TRACE_SAMPLE_RATIO:-1}" \
    "DEPLOYMENT_ENVIRONMENT=${DEPLOYMENT_ENVIRONMENT:-development}" \
    "LOG_LEVEL=${LOG_LEVEL:-info}" \
    "SHOP_OUTBOX_RETENTION_S=${SHOP_OUTBOX_RETENTION_S:-86400}" \
    "SHOP_INBOX_WINDOW_S=${SHOP_INBOX_WINDOW_S:-604800}" \
    "SHOP_PRUNE_INTERVAL_S=${SHOP_PRUNE_INTERVAL_S:-60}"
  case $service in
    gateway)
      # The signing key and operator keys are left unset: development's public demo values (gateway-config.ts).
      # No JAEGER_UI_URL unless given: the native Jaeger is built without its UI (the gateway's /traces/<id> shows a trace).
      printf '%s\n' "GATEWAY_REQUEST_TIMEOUT_MS=${GATEWAY_REQUEST_TIMEOUT_MS:-3000}" \
        "GATEWAY_BODY_LIMIT_BYTES=${GATEWAY_BODY_LIMIT_BYTES:-262144}" \
        "GATEWAY_CATALOG_CACHE=${GATEWAY_CATALOG_CACHE:-on}" \
        "GATEWAY_CATALOG_CACHE_MAX_AGE_MS=${GATEWAY_CATALOG_CACHE_MAX_AGE_MS:-60000}" \
        "ORDER_STREAM_HEARTBEAT_MS=${ORDER_STREAM_HEARTBEAT_MS:-15000}" \
        "ORDER_STREAM_SETTLE_MS=${ORDER_STREAM_SETTLE_MS:-3000}" \
        "ORDER_STREAM_REPLAY_MARGIN_MS=${ORDER_STREAM_REPLAY_MARGIN_MS:-10000}" \
        "ORDER_STREAMS_PER_CUSTOMER=${ORDER_STREAMS_PER_CUSTOMER:-10}" \
        "ORDER_STREAMS_MAX=${ORDER_STREAMS_MAX:-5000}" \
        "JAEGER_QUERY_URL=$JAEGER_QUERY_URL" \
        "JAEGER_UI_URL=${JAEGER_UI_URL:-}" \
        "AUTH_JWT_ISSUER=${AUTH_JWT_ISSUER:-event-shop}" \
        "AUTH_JWT_AUDIENCE=${AUTH_JWT_AUDIENCE:-event-shop-gateway}" \
        "AUTH_DEMO_TOKEN_TTL_S=${AUTH_DEMO_TOKEN_TTL_S:-3600}" \
        "RATE_LIMIT_READS=${RATE_LIMIT_READS:-600}" \
        "RATE_LIMIT_WRITES=${RATE_LIMIT_WRITES:-60}" \
        "RATE_LIMIT_WINDOW_S=${RATE_LIMIT_WINDOW_S:-60}" ;;
    shipping)
      printf '%s\n' "SHIPPING_DISPATCH_DELAY_MS=${SHIPPING_DISPATCH_DELAY_MS:-2000}" \
        "SHIPPING_COUNTRIES=${SHIPPING_COUNTRIES:-GB,FR,DE,NL,BE,IE,ES,IT,US}" ;;
    email)
      printf '%s\n' "SMTP_URL=${SMTP_URL:-smtp://127.0.0.1:1025}" \
        "EMAIL_FROM=${EMAIL_FROM:-Event Shop <orders@event-shop.test>}" ;;
    slack-notifier)
      printf '%s\n' "SLACK_WEBHOOK_URL=${SLACK_WEBHOOK_URL:-${SLACK_SINK_URL:-http://127.0.0.1:3090}/services/T0LOCAL/B0LOCAL/local-sink}" ;;
  esac
}

# The whole environment an app process starts with natively, one NAME=value a line: its
# configuration (service_env) and SHOP_APP_PROCESS_ENV.
app_process_env() { # service [k]
  service_env "$@"
  printf '%s\n' $SHOP_APP_PROCESS_ENV
}

migrate_one_service() { # service
  (cd "$SHOP_ROOT/apps/$1" && DATABASE_URL="$(service_database_url "$1")" \
    node "$SHOP_ROOT/tools/prisma/migrate.mjs" | sed -u "s/^/[$1] /")
}

# The first service alone (its run may download Prisma's schema engine, which the
# others then find), then the others at once: each has a database of its own, and
# six Node processes one after the other were most of a warm ./shop up.
migrate_services() {
  local COMPONENT=migrate service first=${SHOP_DATABASE_SERVICES[0]:-} pids=() failed=() i
  [ -n "$first" ] || return 0
  migrate_one_service "$first" || fail "migrations of $first failed"
  local rest=("${SHOP_DATABASE_SERVICES[@]:1}")
  for service in "${rest[@]}"; do
    migrate_one_service "$service" &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("${rest[$i]}"); done
  [ ${#failed[@]} -eq 0 ] || fail "migrations of ${failed[*]} failed"
}

ensure_topics() {
  node $SHOP_NODE_OPTIONS "$SHOP_ROOT/libs/runtime/dist/cli/ensure-topics.js" || fail "could not create the Kafka topics"
}

# Starts the infrastructure (what is not running yet), migrates every app's
# database and creates the topics. Kafka's JVM is the slowest to start (~7 s of a
# warm ./shop up), so the other components start and the databases migrate
# meanwhile; only the topics wait for the broker. `then`, a command, runs as soon
# as the databases are migrated, while Kafka may still be starting: ./shop up
# starts the apps there, since an app loads its code (~1.3 s of CPU each) before
# it needs Kafka, then connects and subscribes, retrying, once Kafka and the
# topics are there.
prepare_infra() { # [then]
  local kafka status=0
  bash "$SHOP_ROOT/infra/infra.sh" start kafka &
  kafka=$!
  (bash "$SHOP_ROOT/infra/infra.sh" start postgres jaeger mailpit slack-sink && migrate_services) || status=$?
  if [ "$status" -ne 0 ]; then wait "$kafka" || true; exit "$status"; fi
  [ $# -eq 0 ] || "$@"
  wait "$kafka" || fail "Kafka did not start"
  ensure_topics
}

# prepare_infra for one command (tests, benchmarks). When this run is the one
# that started the infrastructure, it is stopped again when the command exits.
prepare_infra_for_this_run() {
  if ! bash "$SHOP_ROOT/infra/infra.sh" status >/dev/null 2>&1; then
    trap 'bash "$SHOP_ROOT/infra/infra.sh" stop >>"$SHOP_LOGS/infra-stop.log" 2>&1' EXIT
  fi
  prepare_infra
}
