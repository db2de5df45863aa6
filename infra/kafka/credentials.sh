# Kafka logins when the broker requires them (SHOP_KAFKA_AUTH=scram, infra/env.sh's
# default): one SCRAM-SHA-512 principal per service, named as the service, one
# for the broker itself and one for the setup and admin tooling (ensure-topics,
# the CLIs, the tests' own clients). Each password is random, made once per
# state folder and kept beside the broker's data (it is written into that data
# when the storage is formatted), in a file only its owner can read. Sourced by
# infra/lib/common.sh, and by compose-kafka.sh in the compose demo's Kafka (without
# env.sh: SHOP_KAFKA_AUTH unset is off there, and the shell exports no login).

KAFKA_BROKER_PRINCIPAL=shop-broker
KAFKA_ADMIN_PRINCIPAL=shop-admin

kafka_auth_enabled() {
  case ${SHOP_KAFKA_AUTH:-off} in
    scram) return 0 ;;
    off) return 1 ;;
    *) echo "SHOP_KAFKA_AUTH is 'scram' or 'off', not '$SHOP_KAFKA_AUTH'" >&2; return 2 ;;
  esac
}

kafka_credentials_dir() { echo "$SHOP_STATE/kafka/credentials"; }

kafka_password() { # principal: its password, made the first time it is asked for
  local dir file
  dir=$(kafka_credentials_dir); file="$dir/$1"
  if [ ! -s "$file" ]; then
    # Several processes may ask at once (./shop up formats Kafka's storage while the supervisor
    # starts the apps): the first link wins, the others drop theirs and read it, so all agree.
    (umask 077 && mkdir -p "$dir" && candidate=$(mktemp "$file.XXXXXX") \
      && head -c 24 /dev/urandom | base64 | tr -d '=+/' >"$candidate" \
      && { ln "$candidate" "$file" 2>/dev/null; rm -f "$candidate"; })
  fi
  cat "$file"
}

# The properties of a Java client (Kafka's tools) logging in as KAFKA_SASL_USERNAME, into a
# file only its owner reads (a password never goes in the arguments: any process reads those).
kafka_client_properties() { # file [bootstrap]
  (umask 077 && {
    [ -z "${2:-}" ] || echo "bootstrap.servers=$2"
    echo "security.protocol=SASL_PLAINTEXT"
    echo "sasl.mechanism=SCRAM-SHA-512"
    echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$KAFKA_SASL_USERNAME\" password=\"$KAFKA_SASL_PASSWORD\";"
  } >"$1")
}

# Runs a command with KAFKA_CLIENT_CONFIG naming a properties file of this shell's login (written
# by kafka_client_properties, removed after), or empty when there is no login to use.
with_kafka_client_config() { # command...
  local config="" status=0
  if [ -n "${KAFKA_SASL_USERNAME:-}" ]; then config=$(mktemp); kafka_client_properties "$config"; fi
  KAFKA_CLIENT_CONFIG=$config "$@" || status=$?
  [ -z "$config" ] || rm -f "$config"
  return "$status"
}

# Every principal the broker knows: the broker's, the admin's and each service's.
kafka_principals() { printf '%s\n' "$KAFKA_BROKER_PRINCIPAL" "$KAFKA_ADMIN_PRINCIPAL" "${SHOP_SERVICES[@]}"; }

# The login of a process started from here: the admin's (a service's own is set by service_env).
if kafka_auth_enabled; then
  export KAFKA_SASL_USERNAME="${KAFKA_SASL_USERNAME:-$KAFKA_ADMIN_PRINCIPAL}"
  KAFKA_SASL_PASSWORD="${KAFKA_SASL_PASSWORD:-$(kafka_password "$KAFKA_SASL_USERNAME")}"
  export KAFKA_SASL_PASSWORD
fi
