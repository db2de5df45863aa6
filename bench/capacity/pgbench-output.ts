// The figures pgbench (PostgreSQL 15) prints at the end of a run.

export interface PgbenchFigures {
  tps: number;
  transactions: number;
  failed: number;
  latencyAvgMs: number;
}

/** "number of transactions actually processed: N", "number of failed transactions: N (x%)", "latency average = X ms", "tps = X (without initial connection time)". */
export function parsePgbench(output: string): PgbenchFigures {
  const number = (pattern: RegExp, what: string, fallback?: number) => {
    const match = pattern.exec(output);
    if (match) return Number(match[1]);
    if (fallback !== undefined) return fallback;
    throw new Error(`pgbench printed no ${what}:\n${output.slice(-500)}`);
  };
  return {
    tps: number(/^tps = ([\d.]+) \(without initial connection time\)/m, 'tps'),
    transactions: number(/^number of transactions actually processed: (\d+)/m, 'transaction count'),
    // Older pgbench (before 15) has no such line: none failed, or it would have stopped.
    failed: number(/^number of failed transactions: (\d+)/m, 'failed count', 0),
    latencyAvgMs: number(/^latency average = ([\d.]+) ms/m, 'average latency'),
  };
}
