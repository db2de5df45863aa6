#!/usr/bin/env bash
# ./shop infra start|stop|restart|status [component...]: Kafka, PostgreSQL,
# Jaeger, Mailpit and the Slack sink on loopback, no Docker. Without
# components, all of them (started in this order, stopped in reverse).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$SHOP_ROOT/infra/kafka/kafka.sh"
source "$SHOP_ROOT/infra/postgres/postgres.sh"
source "$SHOP_ROOT/infra/jaeger/jaeger.sh"
source "$SHOP_ROOT/infra/mailpit/mailpit.sh"
source "$SHOP_ROOT/infra/slack-sink/slack-sink.sh"

COMPONENTS=(postgres kafka jaeger mailpit slack-sink)
usage() { echo "usage: ./shop infra start|stop|restart|status [${COMPONENTS[*]}]" >&2; exit 2; }

action="${1:-status}"; shift || true
selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=("${COMPONENTS[@]}")
for c in "${selected[@]}"; do [[ " ${COMPONENTS[*]} " == *" $c "* ]] || usage; done
reversed=(); for ((i=${#selected[@]}-1; i>=0; i--)); do reversed+=("${selected[i]}"); done

run() { "${2//-/_}_$1"; } # action component

case "$action" in
  start)   for c in "${selected[@]}"; do run start "$c"; done ;;
  stop)    for c in "${reversed[@]}"; do run stop "$c"; done ;;
  restart) for c in "${reversed[@]}"; do run stop "$c"; done
           for c in "${selected[@]}"; do run start "$c"; done ;;
  status)
    down=0
    printf '%-11s %-8s %-8s %s\n' component state 'up for' detail
    for c in "${selected[@]}"; do run status "$c" || down=1; done
    exit $((down * 3)) ;;
  *) usage ;;
esac
