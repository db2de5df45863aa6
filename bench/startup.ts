// How long a warm `./shop up` takes: everything installed and built, nothing
// running, from the command to its "all up" line (every app answering /health).
// Each round runs ./shop up exactly as a user types it, stamps the lines that
// close a phase (set-up, each component ready, migrations, topics, apps), then
// stops it with SIGTERM, which also stops the infrastructure it started.
// Run by `./shop bench startup` with nothing running; writes
// bench/reports/startup-<date>.md.
//
//   BENCH_ROUNDS  rounds (default 3)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { repoRoot } from './native-shop.ts';
import { localDir } from './shop-processes.ts';
import { reportFile } from './report-file.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** A start slower than this is a failure, not a figure. */
const ROUND_TIMEOUT_MS = 180_000;

/** The line that closes each phase, in the order ./shop up prints them (the components start concurrently). */
const MILESTONES: [name: string, line: RegExp][] = [
  ['set-up checked', /Tasks:/],
  ['postgres ready', /\[postgres\] ready/],
  ['jaeger ready', /\[jaeger\] ready/],
  ['kafka ready', /\[kafka\] ready/],
  ['topics', /\[topics\]/],
  ['apps starting', /\[up\] starting the apps/],
  ['all up', /\[up\] all up/],
];

// eslint-disable-next-line no-control-regex -- the colours of ./shop's output
const plain = (line: string) => line.replace(/\x1b\[[0-9;]*m/g, '');

async function oneRound(): Promise<Map<string, number>> {
  const started = performance.now();
  const up = spawn(path.join(repoRoot, 'shop'), ['up'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const stamps = new Map<string, number>();
  // ./shop's own lines ([component] ...) go to stderr, the apps' to stdout.
  const lines = [up.stdout, up.stderr].map((input) => readline.createInterface({ input }));
  const exited = new Promise<number | null>((resolve) => up.once('exit', (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`./shop up not all up after ${ROUND_TIMEOUT_MS / 1000} s`)), ROUND_TIMEOUT_MS);
      const onLine = (raw: string) => {
        const line = plain(raw);
        for (const [name, pattern] of MILESTONES) {
          if (!stamps.has(name) && pattern.test(line)) stamps.set(name, performance.now() - started);
        }
        if (stamps.has('all up')) {
          clearTimeout(timer);
          resolve();
        }
      };
      for (const input of lines) input.on('line', onLine);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`./shop up exited (${code}) before all up`));
      });
    });
  } finally {
    if (up.exitCode === null) process.kill(-up.pid!, 'SIGTERM');
    await exited;
  }
  return stamps;
}

/** `./shop infra status` exits 0 only when every component runs; any running one counts here. */
function anyComponentRunning(): Promise<boolean> {
  const status = spawn(path.join(repoRoot, 'shop'), ['infra', 'status'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let output = '';
  status.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => status.once('exit', () => resolve(/\srunning\s/.test(output))));
}

if ((await anyComponentRunning()) || fs.existsSync(path.join(localDir(), 'run/up.pid'))) {
  console.error('bench startup measures a start from nothing running: stop ./shop up and ./shop infra stop first');
  process.exit(2);
}

const rounds: Map<string, number>[] = [];
for (let round = 1; round <= ROUNDS; round += 1) {
  const stamps = await oneRound();
  rounds.push(stamps);
  console.log(`round ${round}: all up in ${((stamps.get('all up') ?? NaN) / 1000).toFixed(1)} s`);
}

const seconds = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(1));
const totals = rounds.map((stamps) => stamps.get('all up')!).sort((a, b) => a - b);
const median = totals[Math.floor(totals.length / 2)]!;
const date = new Date().toISOString();
const [load1, load5] = os.loadavg();
const report = `# Warm start — ${date}

\`./shop bench startup\` (bench/startup.ts): \`./shop up\` run ${ROUNDS} times from nothing running (everything installed and built), each time stopped again with SIGTERM; seconds from the command to the line that closes each phase. The components start concurrently, Kafka's JVM the slowest, so the databases migrate while it starts.

Machine: ${os.platform()}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}; load average before the last round ${load1!.toFixed(2)} (1 min), ${load5!.toFixed(2)} (5 min).

| round | ${MILESTONES.map(([name]) => name).join(' | ')} |
| --- | ${MILESTONES.map(() => '---:').join(' | ')} |
${rounds.map((stamps, i) => `| ${i + 1} | ${MILESTONES.map(([name]) => seconds(stamps.get(name))).join(' | ')} |`).join('\n')}

**Warm \`./shop up\` to all healthy: ${seconds(median)} s** (median of ${ROUNDS}; fastest ${seconds(totals[0])} s, slowest ${seconds(totals.at(-1))} s). Target (issue 15): ≤ 20 s.
`;
const file = reportFile('startup', new Date(date), path.join(repoRoot, 'bench/reports'));
fs.writeFileSync(file, report);
console.log(report);
console.log(`written: ${path.relative(repoRoot, file)}`);
