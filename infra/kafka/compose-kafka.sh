#!/usr/bin/env bash
# The compose demo's Kafka, run by docker-compose.yml in the apache/kafka image
# instead of the image's own start-up (which cannot write SCRAM users into the
# storage it formats, and no client could log in to make the first one).
#
#   compose-kafka.sh broker    server.properties from the container's KAFKA_*
#                              variables, the storage formatted once with the
#                              broker's and the admin's SCRAM users, then the broker
#   compose-kafka.sh users     (the one-shot kafka-users) every app's SCRAM user,
#                              "name=password ..." in SHOP_KAFKA_USERS, set as the admin
#   compose-kafka.sh health    a protocol round trip as the admin (the healthcheck)
#
# A property's variable is its name upper-cased with dots as underscores, as the
# image reads them (log.dirs: KAFKA_LOG_DIRS; listener.name.client.scram-sha-512.sasl.jaas.config:
# KAFKA_LISTENER_NAME_CLIENT_SCRAM-SHA-512_SASL_JAAS_CONFIG); infra/kafka/kafka.sh
# writes the same properties natively and e2e/compose keeps the two equal.
# KAFKA_SASL_USERNAME/PASSWORD is the admin's login here, as for every client of
# the shop, not a property. KAFKA_HOME: the distribution (/opt/kafka in the image;
# the tests run this natively on the jars infra/kafka/kafka.sh downloads).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=credentials.sh
source "$here/credentials.sh"   # the principals' names, kafka_client_properties
home=${KAFKA_HOME:-/opt/kafka}
work=${SHOP_KAFKA_WORK:-/tmp}
client_config="$work/admin-client.properties"

tool() { # class args...: a Kafka tool on the distribution's jars, its logs quiet
  java -Xmx128m -XX:TieredStopAtLevel=1 -Dlog4j2.level=WARN -cp "$home/libs/*" "$@"
}

broker() {
  local config="$work/server.properties" name value
  (umask 077 && : >"$config")
  while IFS='=' read -r name value; do
    case $name in
      KAFKA_HOME | KAFKA_SASL_USERNAME | KAFKA_SASL_PASSWORD | KAFKA_*_OPTS) ;;
      KAFKA_*) name=${name#KAFKA_}; name=${name,,}; printf '%s=%s\n' "${name//_/.}" "$value" >>"$config" ;;
    esac
  done < <(env)
  local data; data=$(sed -n 's/^log\.dirs=//p' "$config")
  [ -n "$data" ] || { echo "compose-kafka.sh: KAFKA_LOG_DIRS is not set" >&2; exit 1; }
  if [ ! -f "$data/meta.properties" ]; then
    local broker_password
    broker_password=$(sed -n "s/^listener\.name\.controller\.plain\.sasl\.jaas\.config=.* user_$KAFKA_BROKER_PRINCIPAL=\"\([^\"]*\)\".*/\1/p" "$config")
    tool kafka.tools.StorageTool format -t "$(head -c16 /dev/urandom | base64 | tr -d '=' | tr '+/' 'xy')" -c "$config" \
      --add-scram "SCRAM-SHA-512=[name=$KAFKA_BROKER_PRINCIPAL,password=$broker_password]" \
      --add-scram "SCRAM-SHA-512=[name=$KAFKA_ADMIN_PRINCIPAL,password=$KAFKA_SASL_PASSWORD]"
  fi
  kafka_client_properties "$client_config" "$(sed -n 's/^advertised\.listeners=CLIENT:\/\/\([^,]*\).*/\1/p' "$config")"
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several options
  exec java ${KAFKA_HEAP_OPTS:-} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$here/log4j2.yaml" -cp "$home/libs/*" kafka.Kafka "$config"
}

users() {
  kafka_client_properties "$client_config" "$KAFKA_BROKERS"
  local user
  for user in ${SHOP_KAFKA_USERS:?"name=password ..."}; do
    tool kafka.admin.ConfigCommand --bootstrap-server "$KAFKA_BROKERS" --command-config "$client_config" \
      --alter --entity-type users --entity-name "${user%%=*}" --add-config "SCRAM-SHA-512=[password=${user#*=}]" >/dev/null
    echo "[kafka-users] ${user%%=*}"
  done
}

health() {
  tool kafka.admin.ConfigCommand --bootstrap-server "$(sed -n 's/^bootstrap\.servers=//p' "$client_config")" \
    --command-config "$client_config" --describe --entity-type brokers --entity-default >/dev/null
}

case ${1:-} in
  broker | users | health) "$1" ;;
  *) echo "usage: compose-kafka.sh broker|users|health" >&2; exit 2 ;;
esac
