#!/usr/bin/env bash
# ./shop infra start|stop|status: Kafka, PostgreSQL, Jaeger, Mailpit and the Slack
# sink on loopback, no Docker.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$SHOP_ROOT/infra/kafka/kafka.sh"
source "$SHOP_ROOT/infra/postgres/postgres.sh"
source "$SHOP_ROOT/infra/jaeger/jaeger.sh"
source "$SHOP_ROOT/infra/mailpit/mailpit.sh"
source "$SHOP_ROOT/infra/slack-sink/slack-sink.sh"

COMPONENTS=(postgres kafka jaeger mailpit slack_sink)

case "${1:-status}" in
  start)
    for c in "${COMPONENTS[@]}"; do "${c}_start"; done ;;
  stop)
    for ((i=${#COMPONENTS[@]}-1; i>=0; i--)); do "${COMPONENTS[i]}_stop"; done ;;
  status)
    down=0
    for c in "${COMPONENTS[@]}"; do "${c}_status" || down=1; done
    exit $((down * 3)) ;;
  *) echo "usage: ./shop infra start|stop|status" >&2; exit 2 ;;
esac
