// ./shop chaos: the chaos scenario against the running shop (natively by
// default, `--target compose` for `docker compose up`), then a table on
// stdout and a report under bench/reports/. Exits 1 when anything was lost,
// doubled or not recovered from. Run by infra/chaos.sh (tsx runs the TypeScript).

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FAULT_KINDS, type FaultKind } from './chaos-faults.js';
import { chaosProblems, countChaos, renderChaosReport, renderChaosSummary } from './chaos-report.js';
import { type ChaosOptions, DEFAULT_OPTIONS, runChaos } from './chaos-run.js';
import { ComposeTarget, NativeTarget } from './chaos-target.js';

const USAGE = `usage: ./shop chaos [--rate N] [--duration S] [--gap S] [--clients N] [--faults kind,...] [--target native|compose] [--report-dir DIR]
  --rate       orders per second (default ${DEFAULT_OPTIONS.rate})
  --duration   seconds of traffic at least; it goes on until the faults are over (default ${DEFAULT_OPTIONS.durationMs / 1000})
  --gap        seconds between the end of one fault and the next (default ${DEFAULT_OPTIONS.gapMs / 1000})
  --clients    clients placing orders (default ${DEFAULT_OPTIONS.clients})
  --faults     any of ${FAULT_KINDS.join(',')}
               (default: ${DEFAULT_OPTIONS.faults.join(',')}; kill-broker is for a cluster: ./shop up --brokers 3)
  --target     native (the shop of ./shop up, default) or compose (docker compose up)
  --report-dir where the report goes (default bench/reports)`;

const { values } = parseArgs({
  options: {
    rate: { type: 'string' },
    duration: { type: 'string' },
    gap: { type: 'string' },
    clients: { type: 'string' },
    faults: { type: 'string' },
    target: { type: 'string', default: 'native' },
    'report-dir': { type: 'string', default: path.resolve(import.meta.dirname, '../../bench/reports') },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const positive = (value: string | undefined, name: string, fallback: number) => {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!(number > 0)) throw new Error(`--${name} must be a positive number, not "${value}"\n${USAGE}`);
  return number;
};
const faults = (values.faults?.split(',') ?? DEFAULT_OPTIONS.faults) as FaultKind[];
const unknown = faults.filter((kind) => !FAULT_KINDS.includes(kind));
if (unknown.length > 0) throw new Error(`unknown fault ${unknown.join(', ')}\n${USAGE}`);
if (values.target !== 'native' && values.target !== 'compose') throw new Error(`--target is native or compose\n${USAGE}`);

const options: ChaosOptions = {
  ...DEFAULT_OPTIONS,
  rate: positive(values.rate, 'rate', DEFAULT_OPTIONS.rate),
  durationMs: positive(values.duration, 'duration', DEFAULT_OPTIONS.durationMs / 1000) * 1000,
  gapMs: positive(values.gap, 'gap', DEFAULT_OPTIONS.gapMs / 1000) * 1000,
  clients: positive(values.clients, 'clients', DEFAULT_OPTIONS.clients),
  faults,
  onProgress: (line) => process.stderr.write(`[chaos] ${line}\n`),
};
const target = values.target === 'compose' ? new ComposeTarget() : await NativeTarget.open();
const observations = await runChaos(target, options);
const counts = countChaos(observations);
const problems = chaosProblems(observations, counts);
const command = `./shop chaos ${process.argv.slice(2).join(' ')}`.trim();
mkdirSync(values['report-dir']!, { recursive: true });
const report = path.join(values['report-dir']!, `chaos-${observations.startedAt.slice(0, 19).replaceAll(':', '')}.md`);
writeFileSync(report, renderChaosReport(observations, counts, problems, command));
console.log(renderChaosSummary(observations, counts, problems));
console.log(`report: ${path.relative(path.resolve(import.meta.dirname, '../..'), report)}`);
process.exit(problems.length === 0 ? 0 : 1);
