# docker-compose for the compose check (e2e/compose): it validates
# docker-compose.yml without a Docker engine (`docker-compose config -q`).
# Sourced by infra/test.sh.

# Installs Debian's docker-compose (1.29) when no compose CLI is on the machine
# (apt_install, infra/lib/common.sh). Where it cannot be installed (no apt-get,
# not root) it only says so: the compose check then fails and names what is missing.
ensure_docker_compose() {
  local COMPONENT=docker-compose
  command -v docker-compose >/dev/null 2>&1 && return 0
  docker compose version >/dev/null 2>&1 && return 0
  apt_install docker-compose "the compose check" \
    "the compose check will fail; install Debian's docker-compose package or Docker Compose v2" || true
}
