// How much memory the whole demo needs: the seven apps started as ./shop up
// starts them, some orders placed through the gateway and followed to their end,
// and the peak resident memory (VmHWM in /proc/<pid>/status) of every process
// involved summed: the apps, Kafka's JVM, every PostgreSQL process serving the
// shop, Jaeger, Mailpit and the Slack sink. Run by `./shop bench memory` with
// the infrastructure up; writes bench/reports/peak-memory-<date>.md.
//
//   BENCH_ORDERS       orders to place (default 60)
//   BENCH_CONCURRENCY  orders in flight at once (default 6)
//   BENCH_PORT_BASE    first port of the apps (default 3300: beside ./shop up and the tests)
//   SHOP_LOCAL_DIR     the running infrastructure's state folder (default .local; see bench/shop-processes.ts)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_ENTRY } from '../tools/services/services.mjs';
import { gatewayOf, placeAndFollow, repoRoot, SERVICES, startApps, stopApps, waitHealthy } from './native-shop.ts';
import { infrastructure, statusField } from './shop-processes.ts';
import { reportFile } from './report-file.ts';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 6);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3300);

// --- processes and their memory -------------------------------------------

interface Sample {
  pid: number;
  component: string;
  what: string;
  /** Peak resident set size (VmHWM), in kB. */
  hwmKb: number;
  /** Proportional set size at the last sample (shared pages split between sharers), in kB. */
  pssKb: number;
}

function pss(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

// --- the run ------------------------------------------------------------------

const processes = new Map<number, Sample>();
function sample(list: { pid: number; component: string; what: string }[]) {
  for (const { pid, component, what } of list) {
    const hwmKb = statusField(pid, 'VmHWM');
    if (hwmKb === undefined) continue;
    const known = processes.get(pid);
    processes.set(pid, { pid, component, what, hwmKb: Math.max(hwmKb, known?.hwmKb ?? 0), pssKb: pss(pid) || (known?.pssKb ?? 0) });
  }
}

const infra = infrastructure();
// The infrastructure was running before this run: reset its peaks to what it
// holds now (clear_refs 5), so each peak is its current size or what this run added.
for (const { pid } of infra) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not ours to reset: the peak then covers the process's whole life
  }
}

const apps = startApps(PORT_BASE, 'bench-memory');
const appList = () => apps.map(({ child, service }) => ({ pid: child.pid!, component: service, what: `node ${APP_ENTRY}` }));
const everything = () => [...appList(), ...infrastructure()];
const sampler = setInterval(() => sample(everything()), 200);
const started = performance.now();
const outcomes: Record<string, number> = {};
let placed: number;
try {
  await waitHealthy(apps, 'bench-memory');
  const gateway = gatewayOf(apps);
  const followed = await placeAndFollow(gateway, ORDERS, CONCURRENCY, 'bench-memory');
  placed = followed.length;
  for (const { status } of followed) outcomes[status] = (outcomes[status] ?? 0) + 1;
  // Let the notifiers and history catch up with the last events before the final sample.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  sample(everything());
} finally {
  clearInterval(sampler);
  await stopApps(apps);
}
const seconds = (performance.now() - started) / 1000;

// --- the report ---------------------------------------------------------------

const mb = (kb: number) => (kb / 1024).toFixed(0);
const components = [...SERVICES, 'kafka', 'postgres', 'jaeger', 'mailpit', 'slack-sink'];
const byComponent = components.map((component) => {
  const list = [...processes.values()].filter((p) => p.component === component);
  return {
    component,
    processes: list.length,
    hwmKb: list.reduce((sum, p) => sum + p.hwmKb, 0),
    pssKb: list.reduce((sum, p) => sum + p.pssKb, 0),
  };
});
const total = byComponent.reduce((sum, c) => sum + c.hwmKb, 0);
const totalPss = byComponent.reduce((sum, c) => sum + c.pssKb, 0);
const appsTotal = byComponent.filter((c) => SERVICES.includes(c.component)).reduce((sum, c) => sum + c.hwmKb, 0);
const date = new Date().toISOString();
const report = `# Peak memory of the whole demo — ${date}

The seven apps started as \`./shop up\` starts them (same environment and Node flags),
${placed} orders placed through the gateway, ${CONCURRENCY} at a time, each followed to its end
(${Object.entries(outcomes).map(([status, n]) => `${n} ${status}`).join(', ')}),
e-mails and Slack messages sent; ${seconds.toFixed(0)} s in all. Every 200 ms the peak resident
set size (VmHWM in /proc/<pid>/status) of each process was read; the figure per process is its
highest. This machine: ${process.platform}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}.

| component | processes | peak RSS MB | PSS MB at the end |
| --- | ---: | ---: | ---: |
${byComponent.map((c) => `| ${c.component} | ${c.processes} | ${mb(c.hwmKb)} | ${mb(c.pssKb)} |`).join('\n')}
| **total** | ${processes.size} | **${mb(total)}** | ${mb(totalPss)} |

**Sum of the peaks: ${mb(total)} MB** (the seven apps: ${mb(appsTotal)} MB).

- The infrastructure was already running: its peaks were reset to its size at the start of the
  run (\`/proc/<pid>/clear_refs\`), so they count what it held then plus what this run added.
  Kafka's JVM keeps the heap it grew to (up to -Xmx512m).
- PostgreSQL: the postmaster, its helper processes and the backends of the seven service
  databases (other databases' backends, e.g. tests', are left out). RSS counts shared buffers
  in every process that touched them, so the sum of peaks over-counts; PSS splits shared pages
  between their sharers and is the closer figure for what the processes occupy together.
- Docker adds a little per container, and Kafka UI (a JVM, not part of the native run) comes on top.
`;
const file = reportFile('peak-memory', new Date(date), path.join(repoRoot, 'bench/reports'));
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, report);
process.stdout.write(`${report}\nreport written to ${path.relative(repoRoot, file)}\n`);
