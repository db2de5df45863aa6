// How ./shop up runs every app's process, read from infra/lib/services.sh: for the tests'
// apps (service-process.ts) and the benchmarks' (bench/native-shop.ts); and the reading of
// the NAME=value lines the native scripts print. Node's modules only, so that the
// benchmarks can import it as it is.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** NAME=value lines (as infra/lib/services.sh prints an environment) as an object. */
export function parseAssignments(text: string): Record<string, string> {
  const lines = text.split('\n').filter(Boolean);
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

let appProcess: { nodeFlags: string[]; processEnv: Record<string, string> } | undefined;

/** The Node flags and process environment ./shop up gives every app (SHOP_NODE_OPTIONS, SHOP_APP_PROCESS_ENV in infra/lib/services.sh). */
export function appProcessSettings() {
  if (!appProcess) {
    const script = 'source infra/lib/common.sh; source infra/lib/services.sh; echo "$SHOP_NODE_OPTIONS"; printf "%s\\n" $SHOP_APP_PROCESS_ENV';
    const [flags, ...assignments] = execFileSync('bash', ['-c', script], { cwd: repoRoot, encoding: 'utf8' }).split('\n');
    appProcess = { nodeFlags: flags!.trim().split(/\s+/), processEnv: parseAssignments(assignments.join('\n')) };
  }
  return appProcess;
}
