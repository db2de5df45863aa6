// What following orders live costs the gateway: GET /orders/:id/events with
// 1,000 streams open at once (by default 500 on 500 orders, one each, as
// customers following their own, then 500 on one order, as a shared order
// page could draw), while those orders are placed and go through the saga.
// The seven apps run natively as ./shop up runs them (bench/native-shop.ts),
// on ports 3610-3616; shipping waits BENCH_DISPATCH_DELAY_MS before
// dispatching, so the first streams are still open when the last open (the
// delay must outlast placing the orders: raise it on a busy machine).
// Run by `./shop bench streams` with the infrastructure up; writes
// bench/reports/order-streams-<date>.md.
//
// Measured: streams held open at once (the client's count, and the gateway's
// in /health); for each entry frame delivered live (its event stamped after
// the stream opened), the time from the event's ce_time to the frame's arrival
// at the client (outbox relay + Kafka + the gateway's feed + fan-out + the
// loopback); frames delivered against expected (each stream must end with every
// entry of its order's final timeline, each once); the gateway's RSS and CPU,
// sampled from /proc every 500 ms.
//
//   BENCH_HOT_STREAMS        streams on the one shared order (default 500)
//   BENCH_SPREAD_ORDERS      orders with one stream each (default 500)
//   BENCH_PLACE_CONCURRENCY  orders placed at once (default 20)
//   BENCH_DISPATCH_DELAY_MS  shipping's dispatch delay (default 150000)
//   BENCH_NOTE               what else the machine was doing, in words, for the report
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signedIn } from '../e2e/support/demo-sign-in.ts';
import { SseStream } from '../e2e/support/sse-client.ts';
import { benchProduct, gatewayOf, machineNow, repoRoot, startApps, stopApps, waitFor, waitHealthy } from './native-shop.ts';
import { reportFile } from './report-file.ts';

const HOT_STREAMS = Number(process.env.BENCH_HOT_STREAMS ?? 500);
const SPREAD_ORDERS = Number(process.env.BENCH_SPREAD_ORDERS ?? 500);
const PLACE_CONCURRENCY = Number(process.env.BENCH_PLACE_CONCURRENCY ?? 20);
const DISPATCH_DELAY_MS = Number(process.env.BENCH_DISPATCH_DELAY_MS ?? 150_000);
const PORT_BASE = 3610;
const LOG = 'bench-streams';

interface Entry {
  eventId: string;
  type: string;
  time: string;
}

interface Followed {
  orderId: string;
  customer: string;
  openedAt: number;
  stream: SseStream;
}

/** The gateway's resident memory (MB) and CPU time (s, user + system), from /proc. */
function gatewayUsage(pid: number): { rssMb: number; cpuS: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  return { rssMb: rssKb / 1024, cpuS: ticks / 100 };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const before = machineNow();
const apps = startApps(PORT_BASE, LOG, {
  SHIPPING_DISPATCH_DELAY_MS: String(DISPATCH_DELAY_MS),
  ORDER_STREAMS_PER_CUSTOMER: '100000',
  ORDER_STREAMS_MAX: '5000',
  GATEWAY_REQUEST_TIMEOUT_MS: '10000',
  // Tracing sampled as the README advises for load tests.
  SHOP_TRACE_SAMPLE_RATIO: '0.01',
});
// Whatever ends this process (a failure included) stops the apps, which would otherwise keep the ports.
process.once('exit', () => apps.forEach(({ child }) => child.exitCode === null && child.kill('SIGTERM')));
const gatewayApp = apps.find((app) => app.service === 'gateway')!;
const gateway = gatewayOf(apps);
const followed: Followed[] = [];
const samples: { at: number; rssMb: number; cpuS: number; open: number }[] = [];
let open = 0;
let peakOpen = 0;
let gatewayPeakOpen = 0;
const refusals: string[] = [];
let runStartedAt = 0;
let runEndedAt = 0;
let placedAt: number | undefined;
let idle: { rssMb: number; cpuS: number };

async function follow(orderId: string, customer: string): Promise<void> {
  const answer = await SseStream.open(`${gateway}/orders/${orderId}/events`, await signedIn(gateway, customer));
  if (!answer.stream) {
    refusals.push(`${answer.status} ${JSON.stringify(answer.body)}`);
    return;
  }
  followed.push({ orderId, customer, openedAt: Date.now(), stream: answer.stream });
  open++;
  peakOpen = Math.max(peakOpen, open);
  void answer.stream.done.finally(() => open--);
}

async function place(customer: string, sku: string): Promise<string> {
  const response = await fetch(`${gateway}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await signedIn(gateway, customer)), 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({
      email: `${customer}@example.com`,
      items: [{ sku, quantity: 1 }],
      shippingAddress: { name: 'Ada Lovelace', line1: '12 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
    }),
  });
  if (response.status !== 202) throw new Error(`POST /orders answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { orderId: string }).orderId;
}

let sampler: NodeJS.Timeout | undefined;
try {
  await waitHealthy(apps, LOG);
  const sku = await benchProduct(SPREAD_ORDERS + 1);
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // settle after start-up before the idle sample
  idle = gatewayUsage(gatewayApp.child.pid!);
  sampler = setInterval(() => {
    samples.push({ at: Date.now(), ...gatewayUsage(gatewayApp.child.pid!), open });
    void fetch(`${gateway}/health`)
      .then((response) => response.json() as Promise<{ checks: Record<string, { orderStreams?: { open: number } }> }>)
      .then((health) => {
        const feed = Object.entries(health.checks).find(([name]) => name.startsWith('event-feed:'))?.[1];
        gatewayPeakOpen = Math.max(gatewayPeakOpen, feed?.orderStreams?.open ?? 0);
      })
      .catch(() => undefined);
  }, 500);
  runStartedAt = Date.now();

  // The spread orders: each followed as soon as it is accepted.
  let next = 0;
  await Promise.all(
    Array.from({ length: PLACE_CONCURRENCY }, async () => {
      for (let i = next++; i < SPREAD_ORDERS; i = next++) {
        const customer = `bench-streams-${i % 50}`;
        await follow(await place(customer, sku), customer);
      }
    }),
  );
  placedAt = Date.now();
  process.stdout.write(`${followed.length} streams on ${SPREAD_ORDERS} orders in ${((placedAt - runStartedAt) / 1_000).toFixed(0)} s, ${open} open now\n`);

  // The shared order, and its streams, 50 connecting at a time.
  const hotCustomer = 'bench-streams-hot';
  const hotOrder = await place(hotCustomer, sku);
  for (let i = 0; i < HOT_STREAMS; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, HOT_STREAMS - i) }, () => follow(hotOrder, hotCustomer)));
  }
  process.stdout.write(`${followed.length} streams opened, ${open} open now (peak ${peakOpen}), ${refusals.length} refused\n`);

  await waitFor('every stream to end', async () => (open === 0 ? true : undefined), DISPATCH_DELAY_MS + 180_000);
  runEndedAt = Date.now();
} finally {
  clearInterval(sampler);
  for (const { stream } of followed) if (!stream.isEnded) await stream.close();
}

// Each stream against its order's final timeline (history has the e-mails and Slack posts by now, or shortly).
const timelines = new Map<string, Map<string, Entry>>();
let timelinesShort = 0;
for (const { orderId, customer } of followed) {
  if (timelines.has(orderId)) continue;
  const streamed = new Set(followed.filter((f) => f.orderId === orderId).flatMap((f) => f.stream.events<Entry>('entry').map((e) => e.eventId)));
  const read = async () => {
    const response = await fetch(`${gateway}/orders/${orderId}/timeline`, { headers: await signedIn(gateway, customer) });
    return response.status === 200 ? ((await response.json()) as { entries: Entry[] }).entries : undefined;
  };
  // History may lag behind the streams under load: wait a while for it to hold what they showed, then take what it has.
  const entries = await waitFor(`the final timeline of ${orderId}`, async () => {
    const entries = await read();
    return entries && [...streamed].every((id) => entries.some((entry) => entry.eventId === id)) ? entries : undefined;
  }, 20_000).catch(async () => {
    timelinesShort++;
    return (await read()) ?? [];
  });
  timelines.set(orderId, new Map(entries.map((entry) => [entry.eventId, entry])));
}
await stopApps(apps);
const after = machineNow();

let expected = 0;
let delivered = 0;
let missing = 0;
/** Missing entries stamped after their stream's `end` arrived: the settle period (3 s) was shorter than the lag of a notifier's entry. */
let missingAfterEnd = 0;
const missingTypes = new Map<string, number>();
let duplicated = 0;
let extra = 0;
let ended = 0;
const latencies: number[] = [];
for (const { orderId, openedAt, stream } of followed) {
  const timeline = timelines.get(orderId)!;
  const entries = stream.events<Entry>('entry');
  const frames = stream.frames.filter((frame) => frame.event === 'entry');
  const ids = new Set(entries.map((entry) => entry.eventId));
  expected += timeline.size;
  delivered += entries.length;
  duplicated += entries.length - ids.size;
  const endedAt = stream.frames.find((frame) => frame.event === 'end')?.receivedAt ?? Infinity;
  for (const [id, entry] of timeline) {
    if (ids.has(id)) continue;
    missing++;
    if (Date.parse(entry.time) > endedAt - 3_000) missingAfterEnd++;
    missingTypes.set(entry.type, (missingTypes.get(entry.type) ?? 0) + 1);
  }
  extra += [...ids].filter((id) => !timeline.has(id)).length;
  if (stream.events('end').length === 1) ended++;
  entries.forEach((entry, i) => {
    const time = Date.parse(entry.time);
    if (time > openedAt) latencies.push(frames[i]!.receivedAt - time);
  });
}
latencies.sort((a, b) => a - b);
const during = samples.filter((sample) => sample.at >= runStartedAt && sample.at <= runEndedAt);
const peakRss = Math.max(...during.map((sample) => sample.rssMb));
const cpuSeconds = (during.at(-1)?.cpuS ?? idle!.cpuS) - idle!.cpuS;
const runSeconds = (runEndedAt - runStartedAt) / 1_000;
// The busiest second: CPU time between two samples a second apart, the most of the run.
let busiest = 0;
for (let i = 2; i < during.length; i++) busiest = Math.max(busiest, (during[i]!.cpuS - during[i - 2]!.cpuS) / ((during[i]!.at - during[i - 2]!.at) / 1_000));
const fmt = (ms: number) => `${Math.round(ms)} ms`;

const date = new Date().toISOString();
const report = `# Following orders live — ${date}

\`GET /orders/:id/events\` on one gateway, ${followed.length} streams opened: ${SPREAD_ORDERS} on ${SPREAD_ORDERS} orders, one each,
each stream opened as soon as its order was accepted (${PLACE_CONCURRENCY} orders placed at a time, which took
${((placedAt! - runStartedAt) / 1_000).toFixed(0)} s), then ${HOT_STREAMS} on one more order, opened 50 at a time as soon as it was accepted. The seven apps ran
natively as \`./shop up\` runs them, shipping waiting ${DISPATCH_DELAY_MS / 1_000} s before dispatching, so every stream
was open when the last entries of its order fanned out; tracing sampled at 1%, logs at info, no rate limit.
Streams closed themselves: \`end\` once the order was final and no entry came for 3 s.

| measure | value |
| --- | ---: |
| streams opened / refused | ${followed.length} / ${refusals.length} |
| open at once, most (client's count; the gateway's /health said ${gatewayPeakOpen}) | ${peakOpen} |
| streams ended by \`end\` | ${ended} of ${followed.length} |
| entry frames delivered / expected (each stream: its order's final timeline) | ${delivered} / ${expected} |
| missing / duplicated / not in the timeline (history still short of the streams after 20 s: ${timelinesShort} orders) | ${missing} / ${duplicated} / ${extra} |
| missing, stamped in or after the stream's last 3 s (the settle period) | ${missingAfterEnd} of ${missing}${missing > 0 ? ` (${[...missingTypes].map(([type, n]) => `${n} ${type}`).join(', ')})` : ''} |
| fan-out latency, ce_time → frame at the client, over ${latencies.length} live frames: p50 | ${fmt(percentile(latencies, 50))} |
| p95 | ${fmt(percentile(latencies, 95))} |
| p99 | ${fmt(percentile(latencies, 99))} |
| max | ${fmt(latencies.at(-1) ?? NaN)} |
| gateway RSS idle → most during the run | ${idle!.rssMb.toFixed(0)} MB → ${peakRss.toFixed(0)} MB (${(((peakRss - idle!.rssMb) * 1024) / Math.max(1, peakOpen)).toFixed(0)} kB per open stream) |
| gateway CPU over the run (${runSeconds.toFixed(0)} s) | ${cpuSeconds.toFixed(1)} s, ${((100 * cpuSeconds) / runSeconds).toFixed(0)}% of one core on average, ${(100 * busiest).toFixed(0)}% in its busiest second |

The latency runs from the event's \`ce_time\` (stamped by the producing service when its state changed) to the frame's
arrival here, so it includes the producer's outbox relay and Kafka as well as the gateway's feed and fan-out; only
frames whose event was stamped after their stream opened count (the snapshot's are not live). It is what a customer
sees, not the gateway's own share. Frames are counted per stream: the ${HOT_STREAMS} streams of the shared order each
expect every entry of it.
${refusals.length > 0 ? `\nRefused: ${[...new Set(refusals)].slice(0, 5).join('; ')}.\n` : ''}
The machine: ${process.platform}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}.
Everything ran on it at once: the ${followed.length} clients (fetch, in this process), the seven apps, Kafka, PostgreSQL and
Jaeger. The figures are ratios and shapes within this run, not capacities. What else it was doing: ${process.env.BENCH_NOTE ?? 'not stated (BENCH_NOTE)'}.
Load averages (1, 5, 15 min) before: ${before.load}; after: ${after.load}. Busiest processes before the run (%CPU, RSS kB, command):

\`\`\`
${before.busiest}
\`\`\`
`;
const file = reportFile('order-streams', new Date(date), path.join(repoRoot, 'bench/reports'));
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, report);
process.stdout.write(`${report}\nreport written to ${path.relative(repoRoot, file)}\n`);
