# A private PostgreSQL cluster for the project, from the machine's binaries:
# one database and one login role per service that has a database, each role locked to its own.
# Sourced by infra/infra.sh.

PG_LOG="$SHOP_LOGS/postgres.log"

pg_bin() {
  local dir
  for dir in ${PG_BINDIR:-} $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) $(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)"); do
    [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  fail "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's postgresql package or set PG_BINDIR"
}

# PostgreSQL refuses to run as root; as root we run it as the 'postgres' system user.
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || fail "running as root needs a 'postgres' system user (Debian's postgresql package creates it)"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The first folder on the way to $1 that the 'postgres' system user cannot enter; nothing if it can.
pg_blocking_dir() { # path
  local dir=/ part
  local IFS=/
  for part in $1; do
    [ -n "$part" ] || continue
    dir="${dir%/}/$part"
    [ -d "$dir" ] || break
    runuser -u postgres -- test -x "$dir" || { echo "$dir"; return; }
  done
}

# Where the cluster lives (sets PG_STATE and PG_DATA): $SHOP_STATE/postgres.
# As root, PostgreSQL runs as the 'postgres' system user, which must reach that
# folder; when a parent folder shuts it out (a clone under /root, any mode-0700
# parent) the cluster goes to that user's home instead, one folder per clone,
# recorded in $SHOP_STATE/postgres.location. Nothing on the way is chmod-ed.
PG_LOCATION_FILE="$SHOP_STATE/postgres.location"
pg_locate() { # [--for-start]: only a start may choose a new place
  PG_STATE="$SHOP_STATE/postgres"
  if [ -f "$PG_LOCATION_FILE" ]; then PG_STATE=$(cat "$PG_LOCATION_FILE")
  elif [ "${1:-}" = --for-start ] && [ "$(id -u)" = 0 ]; then
    local blocked; blocked=$(pg_blocking_dir "$SHOP_STATE")
    if [ -n "$blocked" ]; then
      local home; home=$(getent passwd postgres | cut -d: -f6)
      if [ -z "$home" ] || ! runuser -u postgres -- test -w "$home"; then
        fail "PostgreSQL runs as the 'postgres' user, who cannot enter $blocked (mode $(stat -c %a "$blocked")) and has no writable home to keep the data in instead. Clone the project where that user can reach it, or let it through: chmod o+x $blocked"
      fi
      PG_STATE="$home/event-shop/$(printf '%s' "$SHOP_STATE" | sha256sum | cut -c1-16)"
      say "the 'postgres' user cannot enter $blocked, so the cluster lives in $PG_STATE"
      echo "$PG_STATE" >"$PG_LOCATION_FILE"
    fi
  fi
  PG_DATA="$PG_STATE/data"
}
pg_locate

pg_admin_psql() { # psql args...
  PGPASSWORD="$POSTGRES_ADMIN_PASSWORD" "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 \
    -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U "$POSTGRES_ADMIN_USER" -d postgres "$@"
}

pg_ready() { "$(pg_bin)/pg_isready" -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -d postgres; }

pg_init_cluster() {
  [ -f "$PG_DATA/PG_VERSION" ] && return
  say "initdb into $PG_DATA"
  mkdir -p "$PG_DATA"
  local pwfile="$PG_STATE/admin.pw"
  printf '%s\n' "$POSTGRES_ADMIN_PASSWORD" > "$pwfile"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$PG_STATE"
  pg_as_owner "$(pg_bin)/initdb" -D "$PG_DATA" -U "$POSTGRES_ADMIN_USER" --pwfile="$pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >>"$PG_LOG" 2>&1 \
    || fail "initdb failed; see $PG_LOG"
  rm -f "$pwfile"
}

# Idempotent: creates what is missing, then (re)applies the access rules.
pg_provision_services() {
  local service role db
  for service in "${SHOP_DATABASE_SERVICES[@]}"; do
    role=$(service_db_name "$service"); db=$role
    pg_admin_psql -v role="$role" -v db="$db" -v password="$(service_db_password "$service")" \
      -f "$SHOP_ROOT/infra/postgres/provision-service.sql"
  done
}

# The log is opened here, by this user, and inherited by the server: it need not reach $SHOP_LOGS itself.
# pg_stat_statements (in Debian's server package, loadable only at start) counts the statements of
# each database: ./shop bench capacity reports them per order, the round trips an order costs.
pg_ctl_start() {
  pg_as_owner "$(pg_bin)/pg_ctl" -D "$PG_DATA" -s -w -t 60 start \
    -o "-c listen_addresses=$POSTGRES_HOST -p $POSTGRES_PORT -k '$PG_STATE' -c max_connections=200 -c fsync=${POSTGRES_FSYNC:-on} -c shared_preload_libraries=pg_stat_statements" \
    >>"$PG_LOG" 2>&1 </dev/null
}

postgres_start() {
  local COMPONENT=postgres
  if pg_ready; then
    say "already running on $POSTGRES_HOST:$POSTGRES_PORT"
    pg_provision_services   # a service added since (./shop new subscriber) gets its database now
    return
  fi
  pg_bin >/dev/null
  require_free_port "$POSTGRES_HOST" "$POSTGRES_PORT" postgres
  pg_locate --for-start
  pg_init_cluster
  say "starting on $POSTGRES_HOST:$POSTGRES_PORT (log: $PG_LOG)"
  # The port (55432 + offset) lies in Linux's ephemeral range (32768-60999): a client's outgoing
  # connection may hold it for a moment, and the server then cannot bind it. That is worth a few
  # tries; any other failure is shown at once.
  local attempt since
  for attempt in 1 2 3 4 5; do
    since=$(($(wc -c <"$PG_LOG" 2>/dev/null || echo 0) + 1))
    pg_ctl_start && break
    if [ "$attempt" -lt 5 ] && tail -c +"$since" "$PG_LOG" | grep -q 'Address already in use'; then
      say "port $POSTGRES_PORT held by another socket for now; trying again"
      sleep 1
      continue
    fi
    tail -c +"$since" "$PG_LOG" | tail -n 20 >&2
    fail "postgres did not start; see $PG_LOG"
  done
  wait_until 30 postgres "$PG_LOG" - pg_ready
  pg_provision_services
  say "ready: one database and role per service that has one (${SHOP_DATABASE_SERVICES[*]})"
}

postgres_stop() {
  local COMPONENT=postgres
  [ -f "$PG_DATA/postmaster.pid" ] || return 0
  say "stopping"
  pg_as_owner "$(pg_bin)/pg_ctl" -D "$PG_DATA" -s -w -t 30 -m fast stop || fail "postgres did not stop; see $PG_LOG"
}

postgres_status() {
  local pid; pid=$(head -1 "$PG_DATA/postmaster.pid" 2>/dev/null) || pid=-
  if pg_ready; then status_line postgres running "${pid:--}" "pid ${pid:--}  $POSTGRES_HOST:$POSTGRES_PORT  data=$PG_DATA"; return 0; fi
  status_line postgres stopped -; return 3
}
