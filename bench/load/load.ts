// `./shop load`: an open-loop load generator against a running shop (native
// or compose), through its public API only. See README, "Load".
import { parseArgs } from 'node:util';
import { FIRST_RATE, formatSteps, lowestUnsustained } from './find-max.ts';
import { findMaxRate } from './find-max-run.ts';
import { loadRun } from './load-run.ts';
import { LoadSetupError, setUpLoad } from './load-setup.ts';
import { formatSummary, type LimitsSeen, limitsInForce } from './summary-table.ts';

const USAGE = `usage: ./shop load [--rate N] [--duration S] [--find-max] [--gateway URL] [--kafka BROKERS] [--customers N] [--skus N]
  --rate N          orders per second, sent on schedule whatever the answers (default 10)
  --duration S      seconds of load (default 30); with --find-max, seconds per step (default 20)
  --find-max        step the rate up from ${FIRST_RATE}/s (x1.5 a step) until errors pass 1% or p99 placed→decided passes 1 s
  --gateway URL     the shop's gateway (default http://127.0.0.1:3000)
  --kafka BROKERS   its Kafka, for the order events and the consumer lag (default 127.0.0.1:9092)
  --customers N     customers signing in and ordering (default 20)
  --skus N|A,B,...  the first N catalog products (default 5), or these skus; restocked as they run low
  --over-stock P    share of orders over stock, rejected (default 0.05)
  --cancel P        share of accepted orders cancelled right away (default 0.05)
  --max-in-flight N requests in flight at most; one due beyond it is dropped and counted (default 2000)`;

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '10' },
    duration: { type: 'string' },
    'find-max': { type: 'boolean', default: false },
    gateway: { type: 'string', default: 'http://127.0.0.1:3000' },
    kafka: { type: 'string', default: '127.0.0.1:9092' },
    customers: { type: 'string', default: '20' },
    skus: { type: 'string', default: '5' },
    'over-stock': { type: 'string', default: '0.05' },
    cancel: { type: 'string', default: '0.05' },
    'max-in-flight': { type: 'string', default: '2000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function number(name: string, value: string, { min, max }: { min: number; max: number }): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
    console.error(`./shop load: --${name} ${value}: expected a number from ${min} to ${max}`);
    process.exit(2);
  }
  return parsed;
}

const findMax = values['find-max'];
const rate = number('rate', values.rate, { min: 0.1, max: 100_000 });
const durationS = number('duration', values.duration ?? (findMax ? '20' : '30'), { min: 1, max: 86_400 });
const customerCount = number('customers', values.customers, { min: 1, max: 10_000 });
const skuList = /^\d+$/.test(values.skus) ? undefined : values.skus.split(',').filter(Boolean);
const skuCount = skuList ? skuList.length : number('skus', values.skus, { min: 1, max: 100 });
const overStockShare = number('over-stock', values['over-stock'], { min: 0, max: 1 });
const cancelShare = number('cancel', values.cancel, { min: 0, max: 1 });
const maxInFlight = number('max-in-flight', values['max-in-flight'], { min: 1, max: 100_000 });
const gateway = values.gateway.replace(/\/+$/, '');
const customers = Array.from({ length: customerCount }, (_, i) => `load-customer-${i + 1}`);

/** What could not run: one clear line, exit 1. */
function cannotRun(what: string, error: unknown): never {
  console.error(`./shop load: ${what}: ${error instanceof Error ? (error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message) : String(error)}`);
  process.exit(1);
}

const health = await fetch(`${gateway}/health`, { signal: AbortSignal.timeout(5_000) }).catch((error: unknown) => cannotRun(`the gateway at ${gateway} is unreachable (is the shop up? ./shop up)`, error));
if (health.status >= 500) console.error(`./shop load: warning: ${gateway}/health answers ${health.status}; going on`);
const { api, keeper, decisions, lag, stats, mix, skus, stop } = await setUpLoad({
  gateway,
  kafkaBrokers: values.kafka.split(','),
  customers,
  skus: skuList ?? skuCount,
  overStockShare,
  cancelShare,
}).catch((error: unknown) => (error instanceof LoadSetupError ? cannotRun(error.message, error.cause) : cannotRun('could not set the load up', error)));

const limits: LimitsSeen = {};
const settleMs = 10_000;
console.log(`./shop load: ${findMax ? `finding the maximum, ${durationS} s a step` : `${rate} orders/s for ${durationS} s`} against ${gateway}; ${customers.length} customers, skus ${skus.join(', ')}; lag of ${lag.groups.join(', ')} on the order topic`);

try {
  if (!findMax) {
    const undecided = await loadRun({ rate, durationS, maxInFlight, settleMs }, { api, mix, decisions, lag, stats: stats.current, limits });
    limits.reads = keeper.readsLimit;
    console.log(`\n${formatSummary({ rateAsked: rate, durationS, customers: customers.length, figures: stats.current.figures(), undecided, limits })}`);
  } else {
    const { steps, max } = await findMaxRate({ durationS, maxInFlight }, { api, mix, decisions, lag, stats, limits });
    limits.reads = keeper.readsLimit;
    const bound = lowestUnsustained(steps)!;
    console.log(`\n${formatSteps(steps)}\n`);
    console.log(max !== undefined ? `Maximum sustained: ${max} orders/s (the lowest rate not sustained, ${bound.rate}/s: ${bound.verdict}).` : `Not even ${FIRST_RATE} orders/s was sustained (${steps[0]!.verdict}).`);
    console.log(limitsInForce(limits, customers.length));
  }
  console.log(`(restocks during the run: ${keeper.restocks})`);
} finally {
  // Bounded (5 s): a kafkajs disconnect can wait on a rebalance, and the figures are printed already.
  await stop();
}
// Whatever kafkajs still holds (timers, sockets) must not keep a finished run alive.
process.exit(0);
