import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { chartDir } from '../../tools/services/helm.mjs';

const run = promisify(execFile);

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export { chartDir };
/** The release name the tests render with: resource names are <release>-<app>. */
export const RELEASE = 'shop';

/** Helm, kubeconform and the offline JSON Schemas (infra/helm/helm.sh), built on first use and cached. */
export interface HelmTools {
  HELM: string;
  KUBECONFORM: string;
  SCHEMAS: string;
  KUBERNETES_VERSION: string;
}

export async function helmTools(): Promise<HelmTools> {
  const { stdout } = await run('bash', [path.join(repoRoot, 'infra/helm/helm.sh'), 'paths'], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  return Object.fromEntries(
    stdout
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  ) as unknown as HelmTools;
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  stringData?: Record<string, string>;
  type?: string;
}

export interface Rendered {
  file: string;
  manifests: Manifest[];
}

/** `helm template` of the chart with a values file of its folder (and --set pairs); the output kept in a file for kubeconform. */
export async function renderChart(tools: HelmTools, valuesFile: string, ...sets: string[]): Promise<Rendered> {
  const args = ['template', RELEASE, chartDir, '--namespace', 'shop', '-f', path.join(chartDir, valuesFile), ...sets.flatMap((set) => ['--set', set])];
  const { stdout } = await run(tools.HELM, args, { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shop-helm-')), `${path.basename(valuesFile, '.yaml')}.yaml`);
  fs.writeFileSync(file, stdout);
  const manifests = parseAllDocuments(stdout)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
  return { file, manifests };
}

export interface Validation {
  filename: string;
  kind: string;
  name: string;
  version: string;
  status: 'statusValid' | 'statusInvalid' | 'statusError' | 'statusSkipped' | 'statusEmpty';
  msg: string;
}

/** kubeconform -strict on a file of manifests, against the offline schemas only (no download): every resource's result. */
export async function validate(tools: HelmTools, file: string, skip: string[] = []): Promise<Validation[]> {
  const args = [
    '-strict',
    '-verbose',
    '-output',
    'json',
    '-kubernetes-version',
    tools.KUBERNETES_VERSION,
    '-schema-location',
    `${tools.SCHEMAS}/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
    ...(skip.length > 0 ? ['-skip', skip.join(',')] : []),
    file,
  ];
  // It exits 1 when a resource is invalid: the results are read either way.
  const stdout = await run(tools.KUBECONFORM, args, { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  return (JSON.parse(stdout) as { resources: Validation[] }).resources;
}

/** `helm lint --strict` of the chart with a values file of its folder. */
export async function lint(tools: HelmTools, valuesFile: string): Promise<string> {
  const { stdout } = await run(tools.HELM, ['lint', chartDir, '--strict', '-f', path.join(chartDir, valuesFile)], { cwd: repoRoot });
  return stdout;
}

export const ofKind = (rendered: Rendered, kind: string) => rendered.manifests.filter((manifest) => manifest.kind === kind);

export function named(rendered: Rendered, kind: string, name: string): Manifest {
  const found = rendered.manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${path.basename(rendered.file)}`);
  return found;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

/** An app container's environment: plain values, and Secret references as `secret:<name>/<key>`. */
export function containerEnvironment(deployment: Manifest): Record<string, string> {
  const container = deployment.spec.template.spec.containers[0];
  return Object.fromEntries(
    (container.env as EnvVar[]).map(({ name, value, valueFrom }) => {
      const ref = valueFrom?.secretKeyRef;
      return [name, ref ? `secret:${ref.name}/${ref.key}` : (value ?? '')];
    }),
  );
}

/** The largest peak RSS (MB) of an app in the newest memory report (bench/reports/peak-memory-*.md, its first table). */
export function measuredPeakMegabytes(apps: readonly string[]): { report: string; peaks: Record<string, number> } {
  const reports = fs.readdirSync(path.join(repoRoot, 'bench/reports')).filter((name) => /^peak-memory-.*\.md$/.test(name)).sort();
  const report = reports.at(-1);
  if (!report) throw new Error('no bench/reports/peak-memory-*.md');
  const text = fs.readFileSync(path.join(repoRoot, 'bench/reports', report), 'utf8');
  const firstTable = text.slice(text.indexOf('| component |'), text.indexOf('**total**'));
  const peaks: Record<string, number> = {};
  for (const app of apps) {
    const row = new RegExp(`^\\| ${app} \\| \\d+ \\| (\\d+) \\|`, 'm').exec(firstTable);
    if (row) peaks[app] = Number(row[1]);
  }
  return { report, peaks };
}

/** A Kubernetes quantity of memory in bytes (192Mi, 1Gi, 500M). */
export function bytes(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)?$/.exec(quantity);
  if (!match) throw new Error(`not a memory quantity: ${quantity}`);
  const unit = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, K: 1e3, M: 1e6, G: 1e9 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * unit;
}
