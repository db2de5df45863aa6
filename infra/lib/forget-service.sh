#!/usr/bin/env bash
# Forgets a removed service where the native infrastructure keeps its state:
# its database and login role in PostgreSQL, its consumer group, dead-letter
# topics and ACLs in Kafka. A component that is installed but stopped is
# started for the moment and stopped again: what is left behind would be found
# by a later service of the same name (a database with another migration
# history, a consumer group that is not at the beginning and so catches up on
# nothing). Usage: forget-service.sh <service>
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$SHOP_ROOT/infra/postgres/postgres.sh"
source "$SHOP_ROOT/infra/kafka/kafka.sh"
COMPONENT=remove
service=$1
name=$(service_db_name "$service")
started=()

# Runs "$@" once the component is up; a component never started here has nothing to forget.
with_running() { # component has-state-test is-running-test command...
  local component=$1 has_state=$2 running=$3; shift 3
  if ! $running; then
    if ! $has_state; then say "$component has never run here: nothing of $service to forget in it"; return; fi
    say "starting $component for a moment, to forget $service in it"
    "${component}_start" >/dev/null 2>&1 || fail "$component did not start; ./shop infra start $component says why"
    started+=("$component")
  fi
  "$@"
}
stop_started() { local c; for c in "${started[@]}"; do "${c}_stop" >/dev/null 2>&1; done; }
trap stop_started EXIT

drop_database() {
  pg_admin_psql -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" -c "DROP ROLE IF EXISTS \"$name\""
  say "dropped the database and role $name"
}
# Reachable, not only started from this folder: a copy of the repository may use another clone's Kafka.
kafka_running() { port_in_use "$KAFKA_HOST" "$KAFKA_PORT"; }
forget_in_kafka() { node --disable-warning=TimeoutNegativeWarning "$SHOP_ROOT/libs/runtime/dist/cli/forget-kafka-service.js" "$service"; }

with_running postgres "test -f $PG_DATA/PG_VERSION" pg_ready drop_database
with_running kafka kafka_has_data kafka_running forget_in_kafka
