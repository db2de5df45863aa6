# The one list of settings for the native run. docker-compose.yml uses the same
# variable names. Any of them can be overridden from the environment. Sourced.
#
# A second shop can run beside the first (the chaos test does): every default
# port below is moved by SHOP_PORT_OFFSET, and SHOP_STATE (see lib/common.sh)
# gives it its own data, logs and pids, e.g.
#   SHOP_PORT_OFFSET=1000 SHOP_STATE=/tmp/shop-2 ./shop up
shop_port() { echo $(($1 + ${SHOP_PORT_OFFSET:-0})); }

# Kafka is one node (broker and controller in one JVM), or a cluster of several
# such nodes with `--brokers 3` (./shop up, ./shop infra start, ./shop test). A
# cluster's start writes its size to $SHOP_STATE/run/kafka-brokers and a full
# stop removes it, so every later command (status, stop, the apps, the tests)
# finds the same cluster without the flag. Node i listens on 9092 + 2(i-1) with
# its controller on 9093 + 2(i-1): 9092/9093, 9094/9095, 9096/9097.
export KAFKA_BROKER_COUNT="${KAFKA_BROKER_COUNT:-$(cat "${SHOP_STATE:-/nonexistent}/run/kafka-brokers" 2>/dev/null || echo 1)}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$(shop_port 9093)}"
kafka_broker_list() { # count: the client addresses of that many local nodes, comma-separated
  local i list=()
  for ((i = 0; i < $1; i++)); do list+=("127.0.0.1:$(($(shop_port 9092) + 2 * i))"); done
  (IFS=,; echo "${list[*]}")
}
export KAFKA_BROKERS="${KAFKA_BROKERS:-$(kafka_broker_list "$KAFKA_BROKER_COUNT")}"
# `--brokers N` of a command: that many local nodes, their addresses for everything started from here.
shop_use_brokers() { # count
  [[ "$1" =~ ^[1-5]$ ]] || { echo "--brokers takes a number of Kafka nodes from 1 to 5 (1 or 3 make sense), not '$1'" >&2; return 2; }
  [ "$1" = "$KAFKA_BROKER_COUNT" ] && return 0
  KAFKA_BROKER_COUNT=$1
  KAFKA_BROKERS=$(kafka_broker_list "$1")
}
export KAFKA_VERSION="${KAFKA_VERSION:-4.3.1}"
# scram: the broker requires a SCRAM-SHA-512 login of every client and enforces
# ACLs (infra/kafka/credentials.sh, README "Security model"); off: neither.
export SHOP_KAFKA_AUTH="${SHOP_KAFKA_AUTH:-scram}"
export KAFKA_TOPIC_PARTITIONS="${KAFKA_TOPIC_PARTITIONS:-3}"

export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
export POSTGRES_PORT="${POSTGRES_PORT:-$(shop_port 55432)}"
export POSTGRES_ADMIN_USER="${POSTGRES_ADMIN_USER:-shop_admin}"
export POSTGRES_ADMIN_PASSWORD="${POSTGRES_ADMIN_PASSWORD:-shop_admin_dev_password}"

export JAEGER_OTLP_GRPC_PORT="${JAEGER_OTLP_GRPC_PORT:-$(shop_port 4317)}"
export JAEGER_OTLP_HTTP_PORT="${JAEGER_OTLP_HTTP_PORT:-$(shop_port 4318)}"
export JAEGER_QUERY_PORT="${JAEGER_QUERY_PORT:-$(shop_port 16686)}"
export JAEGER_QUERY_GRPC_PORT="${JAEGER_QUERY_GRPC_PORT:-$(shop_port 16685)}"
export JAEGER_HEALTH_PORT="${JAEGER_HEALTH_PORT:-$(shop_port 13133)}"
export OTEL_EXPORTER_OTLP_ENDPOINT="${OTEL_EXPORTER_OTLP_ENDPOINT:-http://127.0.0.1:$JAEGER_OTLP_HTTP_PORT}"
export JAEGER_QUERY_URL="${JAEGER_QUERY_URL:-http://127.0.0.1:$JAEGER_QUERY_PORT}"

# Mailpit: the SMTP server the email service sends to, with an HTTP API to read mail back.
export MAILPIT_SMTP_PORT="${MAILPIT_SMTP_PORT:-$(shop_port 1025)}"
export MAILPIT_HTTP_PORT="${MAILPIT_HTTP_PORT:-$(shop_port 8025)}"
export MAILPIT_URL="${MAILPIT_URL:-http://127.0.0.1:$MAILPIT_HTTP_PORT}"
export SMTP_URL="${SMTP_URL:-smtp://127.0.0.1:$MAILPIT_SMTP_PORT}"

# The Slack sink: a local receiver following Slack's incoming-webhook contract
# (POST $SLACK_SINK_URL/services/...), with an API to read messages back and inject faults.
export SLACK_SINK_HOST="${SLACK_SINK_HOST:-127.0.0.1}"
export SLACK_SINK_PORT="${SLACK_SINK_PORT:-$(shop_port 3090)}"
export SLACK_SINK_URL="${SLACK_SINK_URL:-http://127.0.0.1:$SLACK_SINK_PORT}"

# The services: one folder each under apps/, registered by the "shop" block of
# its package.json: its port ("port": 3001), the edge (the gateway, "edge": true)
# started last, and whether it has a database: each one has, and its own role,
# DATABASE_URL and migrations, unless the block says "database": false. Adding
# a service is adding a folder; tools/services/services.mjs reads the same
# fields, and the runtime reads "database" (libs/runtime/src/config/app-package.ts).
SHOP_SERVICES=()
SHOP_DATABASE_SERVICES=()   # those with a database, in the same order
declare -A SHOP_SERVICE_PORT=()
_shop_edge=()
declare -A _shop_without_database=()
for _shop_manifest in "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"/apps/*/package.json; do
  # The "shop" block, from its line to the first line that closes it (the same line when it is one).
  _shop_block=$(awk '/"shop": *\{/ { inside = 1 } inside { print } inside && /\}/ { exit }' "$_shop_manifest")
  _shop_port=$(sed -nE 's/.*"port": *([0-9]+).*/\1/p' <<<"$_shop_block" | head -1)
  [ -n "$_shop_port" ] || continue
  _shop_service=$(basename "$(dirname "$_shop_manifest")")
  SHOP_SERVICE_PORT[$_shop_service]=$(shop_port "$_shop_port")
  if grep -qE '"edge": *true' <<<"$_shop_block"; then _shop_edge+=("$_shop_service"); else SHOP_SERVICES+=("$_shop_service"); fi
  if grep -qE '"database": *false' <<<"$_shop_block"; then _shop_without_database[$_shop_service]=1; fi
done
SHOP_SERVICES+=("${_shop_edge[@]}")
for _shop_service in "${SHOP_SERVICES[@]}"; do
  [ -n "${_shop_without_database[$_shop_service]:-}" ] || SHOP_DATABASE_SERVICES+=("$_shop_service")
done
unset _shop_manifest _shop_block _shop_port _shop_service _shop_edge _shop_without_database

service_has_database() { # service
  local service
  for service in "${SHOP_DATABASE_SERVICES[@]}"; do [ "$service" = "$1" ] && return 0; done
  return 1
}

# Each service with a database owns it and one login role of the same name.
service_db_name() { echo "shop_${1//-/_}"; }
service_db_password() { echo "$(service_db_name "$1")_dev_password"; }
service_database_url() { # service [database]
  local role; role=$(service_db_name "$1")
  echo "postgresql://$role:$(service_db_password "$1")@$POSTGRES_HOST:$POSTGRES_PORT/${2:-$role}"
}
