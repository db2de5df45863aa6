# docker-compose for the compose check (e2e/compose): it validates
# docker-compose.yml without a Docker engine (`docker-compose config -q`).
# Sourced by infra/test.sh.

# Installs Debian's docker-compose (1.29) when no compose CLI is on the machine.
# Quiet; the apt output goes to .local/logs/docker-compose-install.log. Where it
# cannot be installed (no apt-get, not root) it only says so: the compose check
# then fails and names what is missing.
ensure_docker_compose() {
  local COMPONENT=docker-compose log="$SHOP_LOGS/docker-compose-install.log"
  command -v docker-compose >/dev/null 2>&1 && return 0
  docker compose version >/dev/null 2>&1 && return 0
  if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    say "docker-compose not found and not installable here (needs apt-get as root): the compose check will fail; install Debian's docker-compose package or Docker Compose v2"
    return 0
  fi
  say "installing Debian's docker-compose for the compose check (log: $log)"
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-compose \
      || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-compose; }
  } >>"$log" 2>&1 \
    || say "could not install docker-compose (see $log): the compose check will fail"
}
