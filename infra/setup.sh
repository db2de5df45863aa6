#!/usr/bin/env bash
# ./shop setup [install] [build]: toolchain, dependencies, generated Prisma clients, build.
# Needs no infrastructure. Without arguments it runs both steps; the Dockerfile
# runs them one at a time (a layer each), so an image is built by the same
# commands as the native run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$SHOP_ROOT/infra/toolchain.sh"
COMPONENT=setup

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(install build)
for step in "${steps[@]}"; do
  case "$step" in install|build) ;; *) fail "unknown step '$step' (usage: ./shop setup [install] [build])" ;; esac
done

ensure_toolchain
cd "$SHOP_ROOT"
export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1
for step in "${steps[@]}"; do
  case "$step" in
    install)
      say "installing dependencies (pnpm $(pnpm --version), node $(node --version))"
      install_args=(install)
      [ "${CI:-}" = true ] && install_args+=(--frozen-lockfile)
      pnpm "${install_args[@]}" >"$SHOP_LOGS/pnpm-install.log" 2>&1 \
        || { tail -30 "$SHOP_LOGS/pnpm-install.log" >&2; fail "pnpm install failed; see $SHOP_LOGS/pnpm-install.log"; }
      ;;
    build)
      # A client generated before its app stopped having a database ("database":
      # false; git ignores src/generated/) would still be compiled, and fail.
      for service in "${SHOP_SERVICES[@]}"; do
        service_has_database "$service" || rm -rf "apps/$service/src/generated" "apps/$service/dist/generated"
      done
      say "generating Prisma clients and building"
      pnpm turbo run build --output-logs=errors-only || fail "build failed"
      ;;
  esac
done
