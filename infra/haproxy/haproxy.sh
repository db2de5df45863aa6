# HAProxy in front of the gateway's replicas (./shop up --replicas N, N > 1):
# Debian's haproxy package, installed on first use, and its configuration,
# written from the replicas' ports (infra/lib/services.sh). The supervisor of
# ./shop up runs it in the foreground like an app (infra/supervisor/supervisor.ts).
# Sourced by infra/up.sh and infra/test.sh, after infra/lib/services.sh.

HAPROXY_BIN="${HAPROXY_BIN:-$(command -v haproxy || echo /usr/sbin/haproxy)}"
HAPROXY_CONFIG="$SHOP_RUN/haproxy.cfg"
# Answered by HAProxy itself (monitor-uri), never passed to a gateway: the supervisor's health check of the proxy.
HAPROXY_HEALTH_PATH=/haproxy/health

# Installs Debian's haproxy when it is missing (apt_install, infra/lib/common.sh).
# Where it cannot be installed (no apt-get, not root) it says so and returns 1:
# ./shop up --replicas N then stops and says why.
ensure_haproxy() {
  local COMPONENT=haproxy
  [ -x "$HAPROXY_BIN" ] && return 0
  apt_install haproxy "the gateway's replicas" "install Debian's haproxy package or set HAPROXY_BIN" || return 1
  HAPROXY_BIN=$(command -v haproxy || echo /usr/sbin/haproxy)
  [ -x "$HAPROXY_BIN" ]
}

# The configuration: HAProxy on the gateway's port, round robin over the
# gateway's replicas, each checked on /health every second (out after 2
# failures, back after 2 successes). A request whose connection a dead replica
# refuses is sent to another one (retries + redispatch), so killing a replica
# costs only the requests it was answering. No buffering and no compression:
# responses stream as they come, so the order streams (SSE) pass through; their
# heartbeat (ORDER_STREAM_HEARTBEAT_MS, 15 s) keeps them within the 60 s
# inactivity timeouts. Should every replica fail its health check (Kafka down,
# say), the same replicas unchecked serve as backups: the proxy then answers
# as one gateway would (its own 503s, its cached catalog), not with its own error page.
# X-Served-By names the replica that answered (gateway-1, gateway-2, ...);
# X-Forwarded-For carries the client's address to the gateway.
haproxy_config() {
  local edge=$SHOP_EDGE_SERVICE k
  cat <<CONFIG
# Written by ./shop up --replicas $SHOP_REPLICAS (infra/haproxy/haproxy.sh); rewritten on each start.
global
  maxconn 4096

defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-request 10s
  timeout http-keep-alive 10s
  retries 2
  option redispatch 1

frontend $edge
  bind 127.0.0.1:${SHOP_SERVICE_PORT[$edge]}
  monitor-uri $HAPROXY_HEALTH_PATH
  option forwardfor
  default_backend ${edge}-replicas

backend ${edge}-replicas
  balance roundrobin
  option httpchk GET /health
  http-check expect status 200
  default-server inter 1s fall 2 rise 2
  option allbackups
  http-response set-header X-Served-By %s
CONFIG
  for ((k = 1; k <= SHOP_REPLICAS; k++)); do
    echo "  server ${edge}-$k 127.0.0.1:$(replica_port "$edge" "$k") check"
  done
  for ((k = 1; k <= SHOP_REPLICAS; k++)); do
    echo "  server ${edge}-$k-unchecked 127.0.0.1:$(replica_port "$edge" "$k") backup"
  done
}
