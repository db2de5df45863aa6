#!/usr/bin/env bash
# ./shop infra start|stop|restart|status [--brokers N] [component...]: Kafka,
# PostgreSQL, Jaeger, Mailpit and the Slack sink on loopback, no Docker. Without
# components, all of them (started in this order, stopped in reverse).
# `--brokers 3` starts Kafka as a three-node cluster (see infra/kafka/kafka.sh);
# while it runs, `kafka` means all of its nodes and `kafka-1` .. `kafka-3` one.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

COMPONENTS=(postgres kafka jaeger mailpit slack-sink)
usage() { echo "usage: ./shop infra start|stop|restart|status [--brokers N] [${COMPONENTS[*]}${kafka_nodes:+ $kafka_nodes}]" >&2; exit 2; }

action="${1:-status}"; shift || true
selected=()
while [ $# -gt 0 ]; do
  case "$1" in
    --brokers) [ $# -ge 2 ] || usage; shop_use_brokers "$2" || exit 2; shift 2 ;;
    --brokers=*) shop_use_brokers "${1#--brokers=}" || exit 2; shift ;;
    *) selected+=("$1"); shift ;;
  esac
done
# After --brokers: kafka.sh sizes the cluster from KAFKA_BROKER_COUNT and KAFKA_BROKERS.
source "$SHOP_ROOT/infra/kafka/kafka.sh"
source "$SHOP_ROOT/infra/postgres/postgres.sh"
source "$SHOP_ROOT/infra/jaeger/jaeger.sh"
source "$SHOP_ROOT/infra/mailpit/mailpit.sh"
source "$SHOP_ROOT/infra/slack-sink/slack-sink.sh"

kafka_nodes=""
[ "$KAFKA_NODES" -eq 1 ] || kafka_nodes=$(for ((i = 1; i <= KAFKA_NODES; i++)); do printf 'kafka-%s ' "$i"; done)
kafka_nodes=${kafka_nodes% }
[ ${#selected[@]} -gt 0 ] || selected=("${COMPONENTS[@]}")
for c in "${selected[@]}"; do [[ " ${COMPONENTS[*]} $kafka_nodes " == *" $c "* ]] || usage; done
reversed=(); for ((i=${#selected[@]}-1; i>=0; i--)); do reversed+=("${selected[i]}"); done

run() { # action component; kafka-<i> is node i of the cluster
  if [[ "$2" =~ ^kafka-([0-9]+)$ ]]; then "kafka_node_$1" "${BASH_REMATCH[1]}"; else "${2//-/_}_$1"; fi
}

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
