// An app's /health answer in a few words, for `./shop status` and the benches' progress lines.

interface HealthReport {
  status: 'up' | 'down';
  checks: Record<string, { status: string; error?: string; downForMs?: number }>;
}

/** An app's /health in a few words: `up`, or `down (…)` with the checks that fail, or `no answer (…)`. */
export async function health(url: string | undefined): Promise<string> {
  if (!url) return '-';
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    // Not an app's report (HAProxy's monitor page): its status code says it all.
    if (!(response.headers.get('content-type') ?? '').includes('json')) {
      await response.body?.cancel();
      return response.ok ? 'up' : `down (HTTP ${response.status})`;
    }
    const report = (await response.json()) as HealthReport;
    if (report.status === 'up') return 'up';
    const failing = Object.entries(report.checks)
      .filter(([, check]) => check.status !== 'up')
      .map(([name, check]) => `${name}: ${check.error ?? 'down'}${check.downForMs ? ` (for ${ago(check.downForMs)})` : ''}`);
    return `down (${failing.join('; ')})`;
  } catch (error) {
    return `no answer (${(error as Error).message})`;
  }
}

/** A duration as people say it: 42s, 3m 5s, 2h 10m. */
export function ago(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}
