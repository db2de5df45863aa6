import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The hosted CI's workflows (.github/workflows), which no runner executes on our
 * machines: checked here by actionlint (built by infra/ci/actionlint.sh; it runs
 * shellcheck on the `run:` scripts where shellcheck is installed), and held to
 * the rule that every action is pinned by commit with the release named beside it.
 */
const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const workflowsDir = path.join(repoRoot, '.github/workflows');
const workflows = fs.readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file)).map((file) => path.join(workflowsDir, file));

let actionlintBin: string;

beforeAll(async () => {
  // Builds it on first use (a few seconds from the Go module cache), as ./shop test does beforehand.
  const { stdout } = await run('bash', [path.join(repoRoot, 'infra/ci/actionlint.sh')], { cwd: repoRoot });
  actionlintBin = stdout.trim().split('\n').at(-1)!;
}, 300_000);

/** actionlint's exit code and what it printed (1: problems found; 0: none). */
async function actionlint(files: string[], cwd = repoRoot): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(actionlintBin, ['-no-color', ...files], { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('the GitHub Actions workflows', () => {
  it('pass actionlint', async () => {
    expect(workflows.length).toBeGreaterThan(0);
    const { code, output } = await actionlint(workflows);
    if (code !== 0) throw new Error(`actionlint found problems (exit ${code}):\n${output}`);
  });

  it('pin every action by its full commit, with the release it is in a comment', () => {
    const uses = workflows.flatMap((file) =>
      fs.readFileSync(file, 'utf8').split('\n').filter((line) => /^\s*(-\s+)?uses:/.test(line)).map((line) => `${path.basename(file)}: ${line.trim()}`),
    );
    expect(uses.length).toBeGreaterThan(0);
    const unpinned = uses.filter((line) => !/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/.test(line.replace(/^[^:]+: (- )?/, '')));
    expect(unpinned).toEqual([]);
  });

  it('a broken workflow is refused, with the problems named (actionlint can fail this test)', async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-actionlint-'));
    const broken = path.join(project, '.github/workflows/broken.yml');
    fs.mkdirSync(path.dirname(broken), { recursive: true });
    fs.writeFileSync(broken, ['on: pushh', 'jobs:', '  build:', '    steps:', '      - run: echo "${{ github.shaa }}"', ''].join('\n'));
    try {
      const { code, output } = await actionlint([broken], project);
      expect(code).toBe(1);
      expect(output).toContain('unknown Webhook event "pushh"');
      expect(output).toContain('"runs-on" section is missing');
      expect(output).toContain('property "shaa" is not defined');
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
