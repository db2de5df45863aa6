#!/usr/bin/env bash
# ./shop status: the infrastructure's components, then the apps of `./shop up`
# (state, since when, restarts, live health). Exits 0 when all are up, 3 otherwise.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$SHOP_ROOT/infra/toolchain.sh"; ensure_toolchain
down=0
bash "$SHOP_ROOT/infra/infra.sh" status || down=1
echo
node "$SHOP_ROOT/infra/supervisor/status.ts" "$SHOP_RUN/apps.json" || down=1
exit $((down * 3))
