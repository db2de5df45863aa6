#!/usr/bin/env bash
# Apache Kafka (KRaft) from Maven Central jars: one node, broker and controller
# in one JVM (the default), or a cluster of KAFKA_BROKER_COUNT such nodes
# (`--brokers 3`, see infra/env.sh), each in its own JVM with its own data,
# log, pid file and ports, all voters of one controller quorum.
# Sourced by infra/infra.sh for kafka_start|kafka_stop|kafka_status (every
# node) and kafka_node_start|stop|status <i> (one node of a cluster);
# `bash infra/kafka/kafka.sh start|stop|status` runs it alone.

# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
declare -F stop_pid >/dev/null || source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

KAFKA_SRC="$SHOP_ROOT/infra/kafka"
KAFKA_CACHE="$SHOP_CACHE/kafka-$KAFKA_VERSION"
KAFKA_LIBS="$KAFKA_CACHE/libs"
KAFKA_STATE="$SHOP_STATE/kafka"
KAFKA_LOG="$SHOP_LOGS/kafka.log"
# Class data sharing: the classes the broker loads at start, parsed and verified
# once, then mapped from this archive: a warm start fell from ~7 s to ~5 s. A broker
# started without it (in a cluster, node 1 only) writes it when it stops, under a
# name of its own that kafka_stop then renames (two shops' brokers stopping at once
# must not write one file); the JVM checks it against its own build and the
# classpath, and ignores it (a warning in the log) if they differ.
KAFKA_CLASS_ARCHIVE="$KAFKA_CACHE/broker-classes.jsa"
KAFKA_BOOTSTRAP="${KAFKA_BROKERS%%,*}"   # the first node
KAFKA_HOST="${KAFKA_BOOTSTRAP%:*}"
KAFKA_PORT="${KAFKA_BOOTSTRAP##*:}"
KAFKA_NODES="$KAFKA_BROKER_COUNT"
# Where the running cluster's size is remembered (infra/env.sh reads it).
KAFKA_COUNT_FILE="$SHOP_RUN/kafka-brokers"

# One node is "kafka" (kafka.pid, kafka.log, data in $KAFKA_STATE/data) as it always was;
# node i of a cluster of n is "kafka-i", its files under $KAFKA_STATE/brokers-n/node-i.
kafka_node_name() { if [ "$KAFKA_NODES" -eq 1 ]; then echo kafka; else echo "kafka-$1"; fi; }
kafka_node_dir() { if [ "$KAFKA_NODES" -eq 1 ]; then echo "$KAFKA_STATE"; else echo "$KAFKA_STATE/brokers-$KAFKA_NODES/node-$1"; fi; }
kafka_node_log() { echo "$SHOP_LOGS/$(kafka_node_name "$1").log"; }
kafka_node_address() { # i: the i-th address of KAFKA_BROKERS
  local addresses; IFS=, read -ra addresses <<<"$KAFKA_BROKERS"
  [ -n "${addresses[$1 - 1]:-}" ] || fail "KAFKA_BROKERS ($KAFKA_BROKERS) names no address for Kafka node $1 of $KAFKA_NODES"
  echo "${addresses[$1 - 1]}"
}
kafka_node_controller_port() { echo $((KAFKA_CONTROLLER_PORT + 2 * ($1 - 1))); }
kafka_has_data() { [ -f "$(kafka_node_dir 1)/data/meta.properties" ]; }

# The pid from a pid file, only if that process is still our broker (pids get reused).
kafka_pid_of() { # pid-file name
  local pid; pid=$(read_pid "$1") || return 1
  pid_alive "$pid" && [[ "$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")" == *" kafka.Kafka "* ]] && echo "$pid"
}
kafka_pid() { kafka_pid_of "$(kafka_node_name "${1:-1}")"; }

kafka_require_java() {
  local hint="Kafka needs a Java 17+ JDK (e.g. apt-get install openjdk-17-jdk-headless)"
  require_command java "$hint"
  require_command javac "$hint; javac builds the readiness probe"
  local v; v=$(java -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p')
  [ "${v:-0}" -ge 17 ] || fail "Kafka $KAFKA_VERSION needs Java 17 or newer, found '$(java -version 2>&1 | head -1)'"
}

# Downloads the runtime jars once into the per-user cache; the marker says the copy is whole.
kafka_ensure_libs() {
  [ -f "$KAFKA_CACHE/complete" ] && return 0
  require_command mvn "it fetches the Kafka $KAFKA_VERSION jars from Maven Central once (e.g. apt-get install maven)"
  say "downloading Kafka $KAFKA_VERSION jars into $KAFKA_LIBS (once)"
  rm -rf "$KAFKA_LIBS"
  mvn -B -q -ntp -f "$KAFKA_SRC/pom.xml" dependency:copy-dependencies \
      -Dkafka.version="$KAFKA_VERSION" -Dlibs.dir="$KAFKA_LIBS" >"$SHOP_LOGS/kafka-download.log" 2>&1 \
    || { tail -20 "$SHOP_LOGS/kafka-download.log" >&2; fail "jar download failed; see $SHOP_LOGS/kafka-download.log"; }
  ls "$KAFKA_LIBS"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null || fail "kafka_2.13-$KAFKA_VERSION.jar missing in $KAFKA_LIBS"
  touch "$KAFKA_CACHE/complete"
}

# The listeners of a broker that requires a login (SHOP_KAFKA_AUTH=scram), and its authorizer.
# Clients and the brokers among themselves log in with SCRAM-SHA-512 on the listener CLIENT
# (the users are written into the storage when it is formatted, kafka_scram_users). The
# controller listener cannot use SCRAM in KRaft (the credentials live in the metadata the
# controllers serve), so the nodes log in there with PLAIN, the broker principal's password in
# the broker's own config: no listener takes an anonymous client, and only the broker and
# admin principals are super users. Compose sets the same (infra/kafka/compose-kafka.sh).
kafka_auth_config() { # address controller-port
  local password; password=$(kafka_password "$KAFKA_BROKER_PRINCIPAL")
  cat <<EOF
listeners=CLIENT://$1,CONTROLLER://127.0.0.1:$2
advertised.listeners=CLIENT://$1
inter.broker.listener.name=CLIENT
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$KAFKA_BROKER_PRINCIPAL" password="$password";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$KAFKA_BROKER_PRINCIPAL" password="$password" user_$KAFKA_BROKER_PRINCIPAL="$password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:$KAFKA_BROKER_PRINCIPAL;User:$KAFKA_ADMIN_PRINCIPAL
EOF
}

# The --add-scram arguments of the storage format: every principal with its password.
kafka_scram_users() {
  local principal
  for principal in $(kafka_principals); do
    printf '%s\n' --add-scram "SCRAM-SHA-512=[name=$principal,password=$(kafka_password "$principal")]"
  done
}

kafka_write_config() { # [node nodes]: without arguments, the single node's, into $KAFKA_STATE
  local node=${1:-1} nodes=${2:-1} dir address voters="" i controller_port
  if [ "$nodes" -eq 1 ]; then dir=$KAFKA_STATE; address=$KAFKA_BOOTSTRAP
  else dir=$(kafka_node_dir "$node"); address=$(kafka_node_address "$node"); fi
  for ((i = 1; i <= nodes; i++)); do voters+="${voters:+,}$i@127.0.0.1:$(kafka_node_controller_port "$i")"; done
  controller_port=$(kafka_node_controller_port "$node")
  # Only its owner reads it: with SHOP_KAFKA_AUTH=scram it holds the broker principal's password.
  (umask 077 && : >"$dir/server.properties")
  cat >"$dir/server.properties" <<EOF
# Generated by infra/kafka/kafka.sh on every start; edit there.
process.roles=broker,controller
node.id=$node
controller.quorum.voters=$voters
log.dirs=$dir/data
# Topics are created explicitly by the project; a typo must fail, not make a new topic.
auto.create.topics.enable=false
num.partitions=$KAFKA_TOPIC_PARTITIONS
controller.listener.names=CONTROLLER
EOF
  if kafka_auth_enabled; then kafka_auth_config "$address" "$controller_port" >>"$dir/server.properties"
  else
    cat >>"$dir/server.properties" <<EOF
listeners=PLAINTEXT://$address,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://$address
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
EOF
  fi
  if [ "$nodes" -eq 1 ]; then
    cat >>"$dir/server.properties" <<EOF
# One node: every internal topic has a single replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
EOF
  else
    # The rule of the runtime's topicReplication (libs/runtime/src/kafka/topic-admin.ts):
    # 3 replicas (all nodes of a smaller cluster), and 2 in sync for a write once there are 3.
    local replicas=$((nodes < 3 ? nodes : 3)) min_isr=$((nodes < 3 ? 1 : 2))
    cat >>"$dir/server.properties" <<EOF
# A cluster: the internal topics, and any topic created without a replication factor, have
# $replicas replicas; a write with acks=all needs $min_isr of them in sync.
offsets.topic.replication.factor=$replicas
transaction.state.log.replication.factor=$replicas
transaction.state.log.min.isr=$min_isr
share.coordinator.state.topic.replication.factor=$replicas
share.coordinator.state.topic.min.isr=$min_isr
default.replication.factor=$replicas
min.insync.replicas=$min_isr
EOF
  fi
  cat >>"$dir/server.properties" <<EOF
# Fewer internal partitions than the default 50: the first consumer group joins faster.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10
# Consumers in tests and demos should get partitions at once, not after 3 s.
group.initial.rebalance.delay.ms=0
# The compaction of the consumer offsets (and compacted topics) holds a map of the keys it
# meets: 16 MB is ~600,000 keys a pass, where the default 128 MB would be half of the heap.
log.cleaner.dedupe.buffer.size=16777216
# Threads for a small machine, not the defaults' 3 network and 8 request threads: on 2 cores
# each request crossed more threads than there are cores to run them. Measured at 15 orders/s
# (two alternating pairs), the broker's network and request threads took 7% and 13% less CPU
# for the same load with these; one network thread serves the shop's ~25 connections.
num.network.threads=1
num.io.threads=2
EOF
}

# The probe and the SCRAM users' tool are compiled once per clone: 2 s faster per run than a single-file launch.
kafka_build_probe() {
  local tool
  for tool in KafkaReady KafkaScramUsers; do
    [ "$KAFKA_STATE/classes/$tool.class" -nt "$KAFKA_SRC/$tool.java" ] \
      || javac -d "$KAFKA_STATE/classes" -cp "$KAFKA_LIBS/*" "$KAFKA_SRC/$tool.java" \
      || fail "could not compile $KAFKA_SRC/$tool.java"
  done
}

# Runs one of those tools (C1 only, as each runs for a second or two), logged in as the shell is
# when the broker requires logins: they read the properties file KAFKA_CLIENT_CONFIG names.
kafka_java_tool() { # class args...
  with_kafka_client_config java -XX:TieredStopAtLevel=1 -cp "$KAFKA_STATE/classes:$KAFKA_LIBS/*" "$@"
}

kafka_ready() { # bootstrap timeout [pid,...] [nodes]
  kafka_java_tool KafkaReady "$@"
}

# With SHOP_KAFKA_AUTH=scram, the users the storage format did not write (a service added since)
# are added through the admin API, as the admin principal; the passwords go in on stdin.
kafka_add_scram_users() {
  kafka_auth_enabled || return 0
  local principal added wanted known="$KAFKA_STATE/scram-users"
  wanted=$(kafka_principals | sort)
  # Known to be in the cluster already (written at the format and after each addition): no JVM to start.
  [ -n "$(comm -23 <(echo "$wanted") <(sort "$known" 2>/dev/null))" ] || return 0
  added=$(for principal in $wanted; do echo "$principal $(kafka_password "$principal")"; done \
    | kafka_java_tool KafkaScramUsers "$KAFKA_BROKERS") \
    || fail "could not add the missing SCRAM users to Kafka on $KAFKA_BROKERS"
  echo "$wanted" >"$known"
  [ -z "$added" ] || say "SCRAM users added: $(paste -sd' ' <<<"$added")"
}

# The data remembers whether it was formatted with logins (the SCRAM users are written then):
# a broker formatted without them cannot start with SHOP_KAFKA_AUTH=scram, nor the reverse.
kafka_check_auth_of_data() { # node-dir
  local formatted; formatted=$(cat "$1/auth" 2>/dev/null || echo off)
  [ "$formatted" = "$SHOP_KAFKA_AUTH" ] \
    || fail "the Kafka data in $1 was formatted with SHOP_KAFKA_AUTH=$formatted, not $SHOP_KAFKA_AUTH: start it as it was, or stop it and delete $1/data (and its events) to format it anew"
}

kafka_prepare() {
  kafka_require_java
  kafka_ensure_libs
  mkdir -p "$KAFKA_STATE"
  kafka_build_probe
}

# Starts the JVM of node i, formatting its storage the first time; its pid in KAFKA_LAUNCHED_PID.
kafka_launch_node() { # node
  local node=$1 name dir log
  name=$(kafka_node_name "$node"); dir=$(kafka_node_dir "$node"); log=$(kafka_node_log "$node")
  mkdir -p "$dir/data"
  kafka_write_config "$node" "$KAFKA_NODES"
  # The heap at its bound from the first second (pre-touched): a JVM's memory is then flat for
  # its life, not a step at the hour G1 decides to grow it (bench/reports/soak-*.md). The live
  # set under load is ~60 MB once the log cleaner's buffer is small (kafka_write_config).
  local java_opts=(-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseG1GC -XX:MaxGCPauseMillis=20
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$KAFKA_SRC/log4j2.yaml"
    -cp "$KAFKA_LIBS/*")
  # Three JVMs on one machine: a smaller heap each (the last -Xms/-Xmx given wins).
  [ "$KAFKA_NODES" -eq 1 ] || java_opts+=(-Xms192m -Xmx192m)
  [ -f "$log" ] && mv -f "$log" "$log.1"   # keep the previous run for post-mortems
  # Formatting writes meta.properties with the cluster id, once per data dir. The nodes of
  # a cluster share one id, kept beside them.
  if [ -f "$dir/data/meta.properties" ]; then kafka_check_auth_of_data "$dir"
  else
    local id_file="$dir/../cluster.id" cluster_id
    [ "$KAFKA_NODES" -gt 1 ] || id_file="$dir/cluster.id"
    [ -s "$id_file" ] || head -c16 /dev/urandom | base64 | tr -d '=' | tr '+/' 'xy' >"$id_file"
    cluster_id=$(cat "$id_file")
    local scram=()
    if kafka_auth_enabled; then mapfile -t scram < <(kafka_scram_users); fi
    java "${java_opts[@]}" kafka.tools.StorageTool format --ignore-formatted \
        -t "$cluster_id" -c "$dir/server.properties" "${scram[@]}" >>"$log" 2>&1 \
      || { tail -20 "$log" >&2; fail "storage format of $name failed; see $log"; }
    echo "$SHOP_KAFKA_AUTH" >"$dir/auth"
    if kafka_auth_enabled; then kafka_principals | sort >"$KAFKA_STATE/scram-users"; fi
  fi
  # Class data sharing: every node maps the archive; when there is none, node 1 alone writes it.
  local class_sharing=(-XX:SharedArchiveFile="$KAFKA_CLASS_ARCHIVE")
  if [ ! -f "$KAFKA_CLASS_ARCHIVE" ]; then
    class_sharing=()
    if [ "$node" -eq 1 ]; then
      class_sharing=(-XX:ArchiveClassesAtExit="$KAFKA_CLASS_ARCHIVE.$$.new")
      echo "$KAFKA_CLASS_ARCHIVE.$$.new" >"$SHOP_RUN/kafka.class-archive"
    fi
  fi
  # setsid: own session, so the broker outlives this shell and Ctrl-C in it.
  setsid nohup java "${java_opts[@]}" "${class_sharing[@]}" kafka.Kafka "$dir/server.properties" \
    >>"$log" 2>&1 </dev/null &
  KAFKA_LAUNCHED_PID=$!
  echo "$KAFKA_LAUNCHED_PID" >"$SHOP_RUN/$name.pid"
}

# Every pid file of a Kafka node in this state folder, whatever the size of the cluster now.
kafka_pid_files() {
  local f
  for f in "$SHOP_RUN"/kafka.pid "$SHOP_RUN"/kafka-[0-9]*.pid; do [ ! -f "$f" ] || basename "$f" .pid; done
}
kafka_running_nodes() { local name; for name in $(kafka_pid_files); do ! kafka_pid_of "$name" >/dev/null || echo "$name"; done; }
kafka_is_node_name() { # name: a node of a Kafka of KAFKA_NODES nodes?
  if [ "$KAFKA_NODES" -eq 1 ]; then [ "$1" = kafka ]
  else [[ "$1" =~ ^kafka-([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -le "$KAFKA_NODES" ]; fi
}

# Starts the nodes not running yet (all of them, or those a cluster lost), at once (a
# node of a quorum waits for a majority of the others), then waits until the cluster
# answers with all of its nodes.
kafka_start() {
  local COMPONENT=kafka pid rc=0 node name started=() pids=() address
  for name in $(kafka_running_nodes); do
    kafka_is_node_name "$name" \
      || fail "Kafka runs here as $(kafka_running_nodes | paste -sd' '), not $KAFKA_NODES node(s): stop it first (./shop infra stop kafka)"
  done
  kafka_prepare
  if [ "$KAFKA_NODES" -gt 1 ]; then echo "$KAFKA_NODES" >"$KAFKA_COUNT_FILE"; else rm -f "$KAFKA_COUNT_FILE"; fi
  for ((node = 1; node <= KAFKA_NODES; node++)); do
    if pid=$(kafka_pid "$node"); then pids+=("$pid"); continue; fi
    name=$(kafka_node_name "$node"); address=$(kafka_node_address "$node")
    rm -f "$SHOP_RUN/$name.pid"
    require_free_port "${address%:*}" "${address##*:}" "Kafka ($name)"
    require_free_port 127.0.0.1 "$(kafka_node_controller_port "$node")" "the Kafka controller ($name)"
    started+=("$node")
  done
  if [ ${#started[@]} -eq 0 ]; then
    kafka_ready "$KAFKA_BROKERS" 10 "$(IFS=,; echo "${pids[*]}")" "$KAFKA_NODES" >/dev/null 2>&1 \
      || fail "Kafka (pid ${pids[*]}) is running but not answering on $KAFKA_BROKERS; see $(kafka_node_log 1) (or stop it)"
    say "already running (pid ${pids[*]})"; kafka_add_scram_users; return 0
  fi
  if [ "$KAFKA_NODES" -eq 1 ]; then
    say "starting Kafka $KAFKA_VERSION on $KAFKA_BOOTSTRAP (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT)"
  else
    say "starting Kafka $KAFKA_VERSION, $KAFKA_NODES nodes on $KAFKA_BROKERS (controllers on 127.0.0.1:$KAFKA_CONTROLLER_PORT and every second port after it)"
  fi
  for node in "${started[@]}"; do kafka_launch_node "$node"; pids+=("$KAFKA_LAUNCHED_PID"); done
  kafka_ready "$KAFKA_BROKERS" $((KAFKA_NODES == 1 ? 60 : 120)) "$(IFS=,; echo "${pids[*]}")" "$KAFKA_NODES" >/dev/null 2>&1 || rc=$?
  kafka_after_start "$rc" "${started[@]}"
}

# One node of the cluster alone (after `./shop infra stop kafka-2`): ready once it answers
# and lists every node of the cluster again.
kafka_node_start() { # node
  local node=$1 COMPONENT pid rc=0 address
  COMPONENT=$(kafka_node_name "$node")
  if pid=$(kafka_pid "$node"); then say "already running (pid $pid)"; return 0; fi
  kafka_prepare
  [ "$KAFKA_NODES" -eq 1 ] || echo "$KAFKA_NODES" >"$KAFKA_COUNT_FILE"
  address=$(kafka_node_address "$node")
  require_free_port "${address%:*}" "${address##*:}" "Kafka ($COMPONENT)"
  require_free_port 127.0.0.1 "$(kafka_node_controller_port "$node")" "the Kafka controller ($COMPONENT)"
  say "starting on $address (controller 127.0.0.1:$(kafka_node_controller_port "$node"))"
  kafka_launch_node "$node"
  kafka_ready "$address" 90 "$KAFKA_LAUNCHED_PID" "$KAFKA_NODES" >/dev/null 2>&1 || rc=$?
  kafka_after_start "$rc" "$node"
}

kafka_after_start() { # probe-exit-code started-node...
  local rc=$1 node pids=() logs=(); shift
  for node in "$@"; do pids+=("$(read_pid "$(kafka_node_name "$node")" || true)"); logs+=("$(kafka_node_log "$node")"); done
  if [ "$rc" -eq 0 ]; then say "ready (pid ${pids[*]})"; kafka_add_scram_users; return 0; fi
  if [ "$rc" -eq 2 ]; then
    for node in "$@"; do
      kafka_pid "$node" >/dev/null || { tail -20 "$(kafka_node_log "$node")" >&2; say "$(kafka_node_name "$node") exited during startup"; }
    done
  fi
  # Nothing half-started is left behind: what this start launched is stopped again.
  for node in "$@"; do kafka_stop_node "$node"; done
  [ -n "$(kafka_running_nodes)" ] || rm -f "$KAFKA_COUNT_FILE"
  [ "$rc" -ne 2 ] || fail "Kafka exited during startup; see ${logs[*]}"
  fail "Kafka not ready on $KAFKA_BROKERS in time (stopped what this start launched); see ${logs[*]}"
}

# TERM, then waits for the exit (KILL after 30 s: a controlled shutdown takes a few seconds).
kafka_stop_pid_file() { # name
  local pid timeout=30
  # The node writing the class archive dumps it as it exits: on a busy machine that took longer than 30 s.
  case $1 in kafka|kafka-1) [ ! -f "$SHOP_RUN/kafka.class-archive" ] || timeout=120 ;; esac
  if pid=$(kafka_pid_of "$1"); then stop_pid "$pid" "$1" "$timeout"; fi
  rm -f "$SHOP_RUN/$1.pid"
  case $1 in kafka|kafka-1) kafka_keep_class_archive ;; esac
}

# Once the node that wrote a class archive (the one node, or node 1) has stopped: the
# archive, written under a name of its own, becomes the one every start maps.
kafka_keep_class_archive() {
  [ -f "$SHOP_RUN/kafka.class-archive" ] || return 0
  local archive; archive=$(cat "$SHOP_RUN/kafka.class-archive")
  if [ -s "$archive" ]; then mv -f "$archive" "$KAFKA_CLASS_ARCHIVE"; fi
  rm -f "$SHOP_RUN/kafka.class-archive"
}
kafka_stop_node() { kafka_stop_pid_file "$(kafka_node_name "$1")"; }

kafka_node_stop() { # node: one node of a cluster; the others carry on
  local COMPONENT pid
  COMPONENT=$(kafka_node_name "$1")
  if pid=$(kafka_pid "$1"); then
    say "stopping (pid $pid)"
    kafka_stop_node "$1"
    say "stopped"
  fi
  rm -f "$SHOP_RUN/$COMPONENT.pid"
}

# Every node of this state folder, whatever the size of the cluster: all signalled at
# once, as a node's controlled shutdown needs the controller quorum that nodes stopped
# one by one would take away from the last of them.
kafka_stop() {
  # shellcheck disable=SC2034 # COMPONENT is read by say/fail
  local COMPONENT=kafka name pid pids=() names=() node address
  for name in $(kafka_pid_files); do
    if pid=$(kafka_pid_of "$name"); then pids+=("$pid"); names+=("$name"); else rm -f "$SHOP_RUN/$name.pid"; fi
  done
  if [ ${#pids[@]} -gt 0 ]; then
    say "stopping (pid ${pids[*]})"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for name in "${names[@]}"; do kafka_stop_pid_file "$name"; done
    for ((node = 1; node <= KAFKA_NODES; node++)); do
      address=$(kafka_node_address "$node")
      ! port_in_use "${address%:*}" "${address##*:}" || fail "$address still in use after stopping Kafka"
      ! port_in_use 127.0.0.1 "$(kafka_node_controller_port "$node")" || fail "port $(kafka_node_controller_port "$node") still in use after stopping Kafka"
    done
    say "stopped"
  fi
  rm -f "$KAFKA_COUNT_FILE"
}

kafka_node_status() { # node
  local pid name detail
  name=$(kafka_node_name "$1")
  if pid=$(kafka_pid "$1"); then
    detail="pid $pid  $(kafka_node_address "$1")"
    [ "$KAFKA_NODES" -eq 1 ] || detail+="  (controller :$(kafka_node_controller_port "$1"))"
    status_line "$name" running "$pid" "$detail"
  else
    status_line "$name" stopped -; return 3
  fi
}

kafka_status() {
  local node down=0
  for ((node = 1; node <= KAFKA_NODES; node++)); do kafka_node_status "$node" || down=3; done
  return $down
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-status}" in
    start|stop|status) "kafka_$1" ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
  esac
fi
