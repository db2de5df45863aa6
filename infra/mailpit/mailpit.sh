# Mailpit (an SMTP server that keeps every message, with an HTTP API) built from
# its Go module (pinned in infra/mailpit/go.mod), built once into the per-user
# cache and reused. The email service's outside world. Sourced by infra/infra.sh.

MAILPIT_MODULE_DIR="$SHOP_ROOT/infra/mailpit"
MAILPIT_VERSION="$(sed -nE 's/^require github.com\/axllent\/mailpit (v[^ ]+).*/\1/p' "$MAILPIT_MODULE_DIR/go.mod")"
MAILPIT_BIN="$SHOP_CACHE/mailpit-$MAILPIT_VERSION/mailpit"
MAILPIT_LOG="$SHOP_LOGS/mailpit.log"
MAILPIT_DATA="$SHOP_STATE/mailpit"

mailpit_build() {
  [ -x "$MAILPIT_BIN" ] && return
  require_command go "Mailpit is built from its Go module; install Go >= 1.24"
  say "building Mailpit $MAILPIT_VERSION from the Go module proxy (first time only; about a minute)"
  local started=$SECONDS
  mkdir -p "$(dirname "$MAILPIT_BIN")"
  (cd "$MAILPIT_MODULE_DIR" && GOTOOLCHAIN=local GOFLAGS=-mod=readonly \
    go build -trimpath -ldflags="-s -w -X github.com/axllent/mailpit/config.Version=$MAILPIT_VERSION" \
    -o "$MAILPIT_BIN.tmp" github.com/axllent/mailpit) \
    >>"$SHOP_LOGS/mailpit-build.log" 2>&1 || fail "Mailpit build failed; see $SHOP_LOGS/mailpit-build.log"
  mv "$MAILPIT_BIN.tmp" "$MAILPIT_BIN"
  say "built in $((SECONDS - started))s: $MAILPIT_BIN"
}

# The arguments of one Mailpit; MailpitProcess in e2e/support/mailpit.ts passes the same ones.
# --max 5000: it keeps the newest 5,000 messages and deletes older ones, so a shop left running
# for months does not fill the disk with demo mail (an order sends one or two; the tests and the
# benchmarks read back only recent ones).
mailpit_args() { # smtp_port http_port database
  printf '%s\n' --smtp "127.0.0.1:$1" --listen "127.0.0.1:$2" --database "$3" \
    --disable-version-check --max 5000 --smtp-auth-accept-any --smtp-auth-allow-insecure \
    --smtp-disable-rdns --enable-chaos
}

# The HTTP API answers and the SMTP server greets (a 220 banner).
mailpit_smtp_greets() ( # a subshell: the descriptor goes with it
  local banner
  exec 3<>"/dev/tcp/127.0.0.1/$MAILPIT_SMTP_PORT" || exit 1
  IFS= read -r -t 2 banner <&3 || exit 1
  printf 'QUIT\r\n' >&3 || true
  [[ $banner == 220* ]]
)
mailpit_ready() { curl -fsS -o /dev/null "$MAILPIT_URL/livez" && mailpit_smtp_greets; }

mailpit_start() {
  local COMPONENT=mailpit
  if pid_alive "$(read_pid mailpit)" && mailpit_ready; then say "already running"; return; fi
  mailpit_build
  local port
  for port in "$MAILPIT_SMTP_PORT" "$MAILPIT_HTTP_PORT"; do
    require_free_port 127.0.0.1 "$port" mailpit
  done
  mkdir -p "$MAILPIT_DATA"
  say "starting (SMTP $MAILPIT_SMTP_PORT, UI and API $MAILPIT_HTTP_PORT; log: $MAILPIT_LOG)"
  local args; mapfile -t args < <(mailpit_args "$MAILPIT_SMTP_PORT" "$MAILPIT_HTTP_PORT" "$MAILPIT_DATA/mailpit.db")
  # One OS thread running Go code: its scheduler then does not wake a second one for each
  # message, which cost a tenth of Mailpit's CPU per e-mail on two cores (0.84-0.92 against
  # 0.94-1.03 ms, two private Mailpits taking the same e-mails in turn).
  GOMAXPROCS=1 setsid "$MAILPIT_BIN" "${args[@]}" >>"$MAILPIT_LOG" 2>&1 < /dev/null &
  echo $! > "$SHOP_RUN/mailpit.pid"
  wait_until 30 mailpit "$MAILPIT_LOG" $! mailpit_ready
  say "ready: SMTP at $SMTP_URL, UI and API at $MAILPIT_URL"
}

mailpit_stop() { stop_component mailpit; }

mailpit_status() {
  local pid; pid=$(read_pid mailpit) || true
  if pid_alive "$pid" && mailpit_ready; then status_line mailpit running "$pid" "pid $pid  $SMTP_URL  $MAILPIT_URL"; return 0; fi
  status_line mailpit stopped -; return 3
}
