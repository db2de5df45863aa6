# A private PostgreSQL cluster for the project, from the machine's binaries:
# one database and one login role per service, each role locked to its own database.
# Sourced by infra/infra.sh.

PG_DATA="$SHOP_LOCAL/postgres/data"
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

pg_admin_psql() { # psql args...
  PGPASSWORD="$POSTGRES_ADMIN_PASSWORD" "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 \
    -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U "$POSTGRES_ADMIN_USER" -d postgres "$@"
}

pg_ready() { "$(pg_bin)/pg_isready" -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -d postgres; }

pg_init_cluster() {
  [ -f "$PG_DATA/PG_VERSION" ] && return
  say "initdb into $PG_DATA"
  mkdir -p "$PG_DATA"
  local pwfile="$SHOP_LOCAL/postgres/admin.pw"
  printf '%s\n' "$POSTGRES_ADMIN_PASSWORD" > "$pwfile"
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$SHOP_LOCAL/postgres"; chmod o+x "$SHOP_LOCAL" "$SHOP_ROOT"; fi
  pg_as_owner "$(pg_bin)/initdb" -D "$PG_DATA" -U "$POSTGRES_ADMIN_USER" --pwfile="$pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >>"$PG_LOG" 2>&1 \
    || fail "initdb failed; see $PG_LOG"
  rm -f "$pwfile"
}

# Idempotent: creates what is missing, then (re)applies the access rules.
pg_provision_services() {
  local service role db
  for service in "${SHOP_SERVICES[@]}"; do
    role=$(service_db_name "$service"); db=$role
    pg_admin_psql -v role="$role" -v db="$db" -v password="$(service_db_password "$service")" \
      -f "$SHOP_ROOT/infra/postgres/provision-service.sql"
  done
}

postgres_start() {
  local COMPONENT=postgres
  if pg_ready; then say "already running on $POSTGRES_HOST:$POSTGRES_PORT"; return; fi
  pg_bin >/dev/null
  require_free_port "$POSTGRES_HOST" "$POSTGRES_PORT" postgres
  pg_init_cluster
  say "starting on $POSTGRES_HOST:$POSTGRES_PORT (log: $PG_LOG)"
  [ "$(id -u)" = 0 ] && touch "$PG_LOG" && chown postgres: "$PG_LOG"
  pg_as_owner "$(pg_bin)/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -s -w -t 60 start \
    -o "-c listen_addresses=$POSTGRES_HOST -p $POSTGRES_PORT -k '$SHOP_LOCAL/postgres' -c max_connections=200 -c fsync=${POSTGRES_FSYNC:-on}" \
    || fail "postgres did not start; see $PG_LOG"
  wait_until 30 postgres "$PG_LOG" - pg_ready
  pg_provision_services
  say "ready: one database and role per service (${SHOP_SERVICES[*]})"
}

postgres_stop() {
  local COMPONENT=postgres
  [ -f "$PG_DATA/postmaster.pid" ] || return 0
  say "stopping"
  pg_as_owner "$(pg_bin)/pg_ctl" -D "$PG_DATA" -s -w -t 30 -m fast stop || fail "postgres did not stop; see $PG_LOG"
}

postgres_status() {
  if pg_ready; then echo "postgres  running  $POSTGRES_HOST:$POSTGRES_PORT  data=$PG_DATA"; return 0; fi
  echo "postgres  stopped"; return 3
}
