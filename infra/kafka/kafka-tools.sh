#!/usr/bin/env bash
# Kafka's own command-line tools (the org.apache.kafka:kafka-tools jar:
# ProducerPerformance, ConsumerPerformance, ...) for the capacity benchmark,
# fetched from Maven Central like the broker's jars (kafka.sh) but into a
# directory of their own: kafka-tools pulls in Connect, which the broker's
# classpath deliberately leaves out.
#   bash infra/kafka/kafka-tools.sh run ProducerPerformance --topic ... (a class of org.apache.kafka.tools)
#   bash infra/kafka/kafka-tools.sh libs                                 (fetch once; print the directory)

# shellcheck source-path=SCRIPTDIR source=kafka.sh
declare -F kafka_require_java >/dev/null || source "$(dirname "${BASH_SOURCE[0]}")/kafka.sh"

KAFKA_TOOLS_CACHE="$SHOP_CACHE/kafka-tools-$KAFKA_VERSION"
KAFKA_TOOLS_LIBS="$KAFKA_TOOLS_CACHE/libs"

# Downloads the tools' jars once into the per-user cache; the marker says the copy is whole.
kafka_tools_ensure_libs() {
  local COMPONENT=kafka-tools
  [ -f "$KAFKA_TOOLS_CACHE/complete" ] && return 0
  require_command mvn "it fetches the kafka-tools $KAFKA_VERSION jars from Maven Central once (e.g. apt-get install maven)"
  say "downloading kafka-tools $KAFKA_VERSION jars into $KAFKA_TOOLS_LIBS (once)"
  rm -rf "$KAFKA_TOOLS_LIBS"
  mvn -B -q -ntp -f "$KAFKA_SRC/tools-pom.xml" dependency:copy-dependencies \
      -Dkafka.version="$KAFKA_VERSION" -Dlibs.dir="$KAFKA_TOOLS_LIBS" >"$SHOP_LOGS/kafka-tools-download.log" 2>&1 \
    || { tail -20 "$SHOP_LOGS/kafka-tools-download.log" >&2; fail "jar download failed; see $SHOP_LOGS/kafka-tools-download.log"; }
  ls "$KAFKA_TOOLS_LIBS"/kafka-tools-"$KAFKA_VERSION".jar >/dev/null || fail "kafka-tools-$KAFKA_VERSION.jar missing in $KAFKA_TOOLS_LIBS"
  touch "$KAFKA_TOOLS_CACHE/complete"
}

# Runs one tool with the Java the broker is started with (kafka.sh: java on the PATH, 17 or newer).
# Log4j at WARN: the tools' figures are on stdout, without the clients' INFO lines around them.
kafka_tools_run() { # class args...
  kafka_require_java
  kafka_tools_ensure_libs
  # A broker that requires a login: the tool logs in as the shell does (infra/kafka/credentials.sh).
  with_kafka_client_config kafka_tools_java "$@"
}

kafka_tools_java() { # class args...
  local class=$1; shift
  java -Xms64m -Xmx512m -Dlog4j2.level=WARN -cp "$KAFKA_TOOLS_LIBS/*" "org.apache.kafka.tools.$class" "$@" \
    ${KAFKA_CLIENT_CONFIG:+--command-config "$KAFKA_CLIENT_CONFIG"}
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    run) shift; [ $# -ge 1 ] || { echo "usage: $0 run <Tool> [args...]" >&2; exit 2; }; kafka_tools_run "$@" ;;
    libs) kafka_tools_ensure_libs; echo "$KAFKA_TOOLS_LIBS" ;;
    *) echo "usage: $0 run <Tool> [args...] | libs" >&2; exit 2 ;;
  esac
fi
