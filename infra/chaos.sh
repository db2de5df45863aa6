#!/usr/bin/env bash
# ./shop chaos [options]: the chaos scenario against the running shop (see
# e2e/chaos/chaos.ts, `./shop chaos --help`). The shop must be up: `./shop up`
# in another terminal (or, with --target compose, `docker compose up`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$SHOP_ROOT/infra/toolchain.sh"; ensure_toolchain
cd "$SHOP_ROOT/e2e"
exec node --disable-warning=TimeoutNegativeWarning --import tsx chaos/chaos.ts "$@"
