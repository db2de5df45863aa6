#!/usr/bin/env bash
# Forgets a removed service where the native infrastructure runs: its database
# and login role in PostgreSQL, its consumer group and dead-letter topics in
# Kafka. What is not running is left alone (and said so). Usage: forget-service.sh <service>
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$SHOP_ROOT/infra/postgres/postgres.sh"
COMPONENT=remove
service=$1
name=$(service_db_name "$service")
if pg_ready; then
  pg_admin_psql -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" -c "DROP ROLE IF EXISTS \"$name\""
  say "dropped the database and role $name"
else
  say "PostgreSQL is not running: its database $name stays (drop it later, or delete .local/postgres)"
fi
if node "$SHOP_ROOT/libs/runtime/dist/cli/forget-consumer-group.js" "$service" 2>/dev/null; then :; else
  say "Kafka is not reachable: consumer group $service and its dead-letter topics stay"
fi
