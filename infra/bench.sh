#!/usr/bin/env bash
# ./shop bench: set up, start the infrastructure, run the benchmarks, write reports to bench/reports/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
COMPONENT=bench

bash "$SHOP_ROOT/infra/setup.sh"
source "$SHOP_ROOT/infra/toolchain.sh"; ensure_toolchain
source "$SHOP_ROOT/infra/lib/services.sh"
start_infra_for_this_run
cd "$SHOP_ROOT"
node $SHOP_NODE_OPTIONS bench/outbox-throughput.ts
