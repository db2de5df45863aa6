import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { summarizeAllocations } from './allocation-summary.ts';
import { HeapSampler } from './heap-sampler.ts';

// A process that, each time it reads a line, allocates 32 MB in 1 KB arrays it
// drops at once (garbage by the next scavenge), then says "done".
const CHURN = `
function churnForTheTest() { let kept = 0; for (let i = 0; i < 32 * 1024; i++) kept += new Array(128).fill(i).length; return kept; }
process.stdin.on('data', () => { churnForTheTest(); process.stdout.write('done\\n'); });
`;
const MB = 1024 * 1024;

/** Starts the churning process with an inspector on a free port, and the port it chose. */
async function churningProcess(): Promise<{ child: ChildProcessWithoutNullStreams; port: number }> {
  const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', '-e', CHURN]);
  let said = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      const listening = /Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(said);
      if (listening) resolve(Number(listening[1]));
    });
    child.once('exit', () => reject(new Error(`the process exited before its inspector listened: ${said}`)));
  });
  return { child, port };
}

async function churnOnce(child: ChildProcessWithoutNullStreams): Promise<void> {
  const done = once(child.stdout, 'data');
  child.stdin.write('go\n');
  await done;
}

describe('HeapSampler', () => {
  let child: ChildProcessWithoutNullStreams;
  let sampler: HeapSampler;

  beforeAll(async () => {
    let port: number;
    ({ child, port } = await churningProcess());
    sampler = await HeapSampler.attach(port);
  }, 15_000);

  afterAll(async () => {
    sampler?.close();
    child?.kill();
  });

  it('records what a process allocated while sampling, garbage included, under the function that allocated it', async () => {
    await sampler.start(16 * 1024);
    await churnOnce(child);
    const summary = summarizeAllocations(await sampler.stop(), () => undefined);
    const churn = summary.topFunctions.find((share) => share.name.startsWith('churnForTheTest '));
    // Every array was garbage long before the profile was read: a profile of live objects would hold almost none of them.
    expect(churn?.bytes).toBeGreaterThan(16 * MB);
    expect(summary.topFunctions[0]).toBe(churn);
  }, 15_000);

  it('says why when the inspector refuses a call', async () => {
    await expect(sampler.stop()).rejects.toThrow(/^inspector: .*not started/i);
  });
});
