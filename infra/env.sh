# The one list of settings for the native run. docker-compose.yml uses the same
# variable names. Any of them can be overridden from the environment. Sourced.

export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
export KAFKA_VERSION="${KAFKA_VERSION:-4.3.1}"
export KAFKA_TOPIC_PARTITIONS="${KAFKA_TOPIC_PARTITIONS:-3}"

export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
export POSTGRES_PORT="${POSTGRES_PORT:-55432}"
export POSTGRES_ADMIN_USER="${POSTGRES_ADMIN_USER:-shop_admin}"
export POSTGRES_ADMIN_PASSWORD="${POSTGRES_ADMIN_PASSWORD:-shop_admin_dev_password}"

export JAEGER_OTLP_GRPC_PORT="${JAEGER_OTLP_GRPC_PORT:-4317}"
export JAEGER_OTLP_HTTP_PORT="${JAEGER_OTLP_HTTP_PORT:-4318}"
export JAEGER_QUERY_PORT="${JAEGER_QUERY_PORT:-16686}"
export JAEGER_QUERY_GRPC_PORT="${JAEGER_QUERY_GRPC_PORT:-16685}"
export JAEGER_HEALTH_PORT="${JAEGER_HEALTH_PORT:-13133}"
export OTEL_EXPORTER_OTLP_ENDPOINT="${OTEL_EXPORTER_OTLP_ENDPOINT:-http://127.0.0.1:$JAEGER_OTLP_HTTP_PORT}"
export JAEGER_QUERY_URL="${JAEGER_QUERY_URL:-http://127.0.0.1:$JAEGER_QUERY_PORT}"

# Mailpit: the SMTP server the email service sends to, with an HTTP API to read mail back.
export MAILPIT_SMTP_PORT="${MAILPIT_SMTP_PORT:-1025}"
export MAILPIT_HTTP_PORT="${MAILPIT_HTTP_PORT:-8025}"
export MAILPIT_URL="${MAILPIT_URL:-http://127.0.0.1:$MAILPIT_HTTP_PORT}"
export SMTP_URL="${SMTP_URL:-smtp://127.0.0.1:$MAILPIT_SMTP_PORT}"

# The Slack sink: a local receiver following Slack's incoming-webhook contract
# (POST $SLACK_SINK_URL/services/...), with an API to read messages back and inject faults.
export SLACK_SINK_HOST="${SLACK_SINK_HOST:-127.0.0.1}"
export SLACK_SINK_PORT="${SLACK_SINK_PORT:-3090}"
export SLACK_SINK_URL="${SLACK_SINK_URL:-http://127.0.0.1:$SLACK_SINK_PORT}"

# The services, in start order, and their HTTP ports.
SHOP_SERVICES=(order inventory shipping email history slack-notifier gateway)
declare -A SHOP_SERVICE_PORT=(
  [gateway]=3000 [order]=3001 [inventory]=3002 [shipping]=3003
  [email]=3004 [history]=3005 [slack-notifier]=3006
)

# Each service owns one database and one login role of the same name.
service_db_name() { echo "shop_${1//-/_}"; }
service_db_password() { echo "$(service_db_name "$1")_dev_password"; }
service_database_url() { # service [database]
  local role; role=$(service_db_name "$1")
  echo "postgresql://$role:$(service_db_password "$1")@$POSTGRES_HOST:$POSTGRES_PORT/${2:-$role}"
}
