#!/usr/bin/env bash
# ./shop bench [outbox|memory|tracing|backfill|catalog|streams|capacity|startup|scale|soak|profile|db-client|arms]: set up, start the infrastructure, run a benchmark,
# write its report to bench/reports/.
#   outbox (default)  the outbox path against a raw kafkajs baseline (bench/outbox-throughput.ts)
#   memory            the whole demo's peak memory, the seven apps serving orders (bench/peak-memory.ts)
#   tracing           the whole demo traced vs untraced, alternating rounds (bench/tracing-overhead.ts)
#   backfill          a generated subscriber catching up on the history, and the history's disk cost (bench/backfill.ts)
#   catalog           GET /products from the gateway's catalog cache vs asking the inventory every time (bench/catalog-cache.ts)
#   streams           1,000 open GET /orders/:id/events streams while orders go through the saga (bench/order-streams.ts)
#   capacity          per trace sampling ratio, the maximum sustainable rate and the CPU per order of every process at half
#                     of it; Kafka's and PostgreSQL's own limits (kafka-tools, pgbench) and the share the shop uses (bench/capacity.ts)
#   startup           a warm ./shop up from nothing running to every app healthy, phase by phase, three rounds (bench/startup.ts)
#   scale             1 vs 2 replicas of every app and 1 vs 3 Kafka brokers, each a shop of its own beside any running
#                     one: CPU and memory, latency, and what a killed app or broker does to the orders (bench/scale.ts)
#   soak [--minutes N] the shop at half its capacity for an hour (N minutes): every process's RSS, the outbox and
#                     inbox rows, lag and latency every 30 s, growth after minute 10 and a verdict (bench/soak.ts)
#   db-client         a statement and a consumer's transaction through Prisma's client against pg alone, back to back
#                     and paced as the shop's traffic comes (bench/db-client-cost.ts)
#   profile           each app under node --cpu-prof while orders flow: CPU per order, where it goes by package and function,
#                     the profiles kept for flame graphs (bench/profile.ts)
#   arms              Node flags or environment variables compared on the whole shop, in alternating arms: the apps'
#                     CPU per order and peak memory (bench/arms.ts; BENCH_ARMS names the arms)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
COMPONENT=bench

benchmark="${1:-outbox}"
case "$benchmark" in outbox|memory|tracing|backfill|catalog|streams|capacity|startup|scale|soak|profile|db-client|arms) ;; *) fail "usage: ./shop bench [outbox|memory|tracing|backfill|catalog|streams|capacity|startup|scale|soak [--minutes N]|profile|db-client|arms]" ;; esac
shift || true

bash "$SHOP_ROOT/infra/setup.sh"
source "$SHOP_ROOT/infra/toolchain.sh"; ensure_toolchain
source "$SHOP_ROOT/infra/lib/services.sh"
cd "$SHOP_ROOT"
# It starts (and stops) the whole shop itself, from nothing running.
[ "$benchmark" = startup ] && exec node $SHOP_NODE_OPTIONS bench/startup.ts
# Each layout is a shop of its own (./shop up on ports of its own); tsx, as it reuses the end-to-end tests' support.
[ "$benchmark" = scale ] && cd e2e && exec node $SHOP_NODE_OPTIONS --import tsx ../bench/scale.ts
prepare_infra_for_this_run
case "$benchmark" in
  outbox) node $SHOP_NODE_OPTIONS bench/outbox-throughput.ts ;;
  memory) node $SHOP_NODE_OPTIONS bench/peak-memory.ts ;;
  tracing) node $SHOP_NODE_OPTIONS bench/tracing-overhead.ts ;;
  # tsx: it reuses the end-to-end tests' copy of the repository (e2e/subscriber).
  backfill) (cd e2e && node $SHOP_NODE_OPTIONS --import tsx ../bench/backfill.ts) ;;
  catalog) node $SHOP_NODE_OPTIONS bench/catalog-cache.ts ;;
  streams) node $SHOP_NODE_OPTIONS bench/order-streams.ts ;;
  capacity) node $SHOP_NODE_OPTIONS bench/capacity.ts ;;
  soak) node $SHOP_NODE_OPTIONS bench/soak.ts "$@" ;;
  profile) node $SHOP_NODE_OPTIONS bench/profile.ts ;;
  db-client) node $SHOP_NODE_OPTIONS bench/db-client-cost.ts ;;
  arms) node $SHOP_NODE_OPTIONS bench/arms.ts ;;
esac
