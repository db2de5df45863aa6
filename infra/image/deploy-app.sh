#!/usr/bin/env bash
# Lays out one app the way its Docker image holds it, pruned to production
# dependencies: the Dockerfile runs this after `./shop setup install` and
# `./shop setup build`, and so does the test suite (e2e/compose/app-image.spec.ts),
# so the native CI proves the image's build steps.
#
#   infra/image/deploy-app.sh <app> <dir>
#
# <dir>/apps/<app>/    `pnpm deploy --prod` of the app: dist/, prisma/
#                      and a node_modules/ of its production dependencies only
#                      (the workspace libraries copied in, the Prisma CLI included;
#                      an app without a database has neither prisma/ nor the CLI)
# <dir>/tools/prisma/  the migration tool the app's `db:migrate` script runs
# <dir>/entrypoint.sh  the container's command: migrations, then the app
# <dir>/healthcheck.mjs  the container's health check: GET /health
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$SHOP_ROOT/infra/toolchain.sh"
COMPONENT=deploy

[ $# -eq 2 ] || fail "usage: infra/image/deploy-app.sh <app> <dir>"
app=$1 out=$2
[ -f "$SHOP_ROOT/apps/$app/package.json" ] || fail "no app '$app' in apps/ (one of: $(ls "$SHOP_ROOT/apps" | tr '\n' ' '))"
[ -f "$SHOP_ROOT/apps/$app/dist/main.bundle.mjs" ] || fail "apps/$app is not built: run ./shop setup first"
ensure_toolchain

target="$out/apps/$app"
rm -rf "$target" "$out/tools/prisma"
mkdir -p "$out/apps" "$out/tools"
cd "$SHOP_ROOT"
log="$SHOP_LOGS/deploy-$app.log"
# --offline: the install before this filled the store with every package; the
# registry is asked only if the store lost some since (a pruned Docker cache).
if ! pnpm --filter "@shop/$app" deploy --prod --offline "$target" >"$log" 2>&1; then
  rm -rf "$target"
  pnpm --filter "@shop/$app" deploy --prod "$target" >>"$log" 2>&1 \
    || { tail -20 "$log" >&2; fail "pnpm deploy of $app failed; see $log"; }
fi
# What the image does not run: sources (dist/ is built from them), build state.
rm -rf "$target/src" "$target/.turbo" "$target"/tsconfig*.json
# pnpm deploy leaves out links to files outside the app, and prisma/ links the runtime's tables
# and the migrations creating them (tools/prisma/app-schema.mjs): the image gets the files.
if [ -d "apps/$app/prisma" ]; then
  rm -rf "$target/prisma"
  cp -RL "apps/$app/prisma" "$target/prisma"
fi
cp -R "$SHOP_ROOT/tools/prisma" "$out/tools/prisma"
cp "$SHOP_ROOT/infra/image/entrypoint.sh" "$SHOP_ROOT/infra/image/healthcheck.mjs" "$out/"
chmod 755 "$out/entrypoint.sh"
say "$app deployed into $target"
