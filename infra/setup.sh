#!/usr/bin/env bash
# ./shop setup: toolchain, dependencies, generated Prisma clients, build. Needs no infrastructure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$SHOP_ROOT/infra/toolchain.sh"
COMPONENT=setup

ensure_toolchain
cd "$SHOP_ROOT"
export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1
say "installing dependencies (pnpm $(pnpm --version), node $(node --version))"
install_args=(install)
[ "${CI:-}" = true ] && install_args+=(--frozen-lockfile)
pnpm "${install_args[@]}" >"$SHOP_LOGS/pnpm-install.log" 2>&1 \
  || { tail -30 "$SHOP_LOGS/pnpm-install.log" >&2; fail "pnpm install failed; see $SHOP_LOGS/pnpm-install.log"; }
say "generating Prisma clients and building"
pnpm turbo run build --output-logs=errors-only || fail "build failed"
