import type { Series } from './series.ts';
import { judgeSoak, verdictLine } from './soak-verdict.ts';

const flat = (value: number) => [0, 5, 10, 20, 30, 40, 50, 60].map((minute) => ({ minute, value }));
const growing = (from: number, perMinute: number) => [0, 5, 10, 20, 30, 40, 50, 60].map((minute) => ({ minute, value: from + perMinute * minute }));

describe('judgeSoak', () => {
  it('passes a shop whose series are level after the warm-up, even if they grew during it', () => {
    const series: Series = new Map([
      ['rss order', [{ minute: 0, value: 50 }, ...flat(180).slice(1)]],
      ['inbox order', [{ minute: 0, value: 0 }, { minute: 5, value: 900 }, ...flat(1200).slice(2)]],
      ['latency p99', flat(300)],
      ['lag inventory', flat(3)],
    ]);
    const checks = judgeSoak(series, 10, { order: 0 });
    expect(checks.every((check) => check.pass)).toBe(true);
    expect(verdictLine(checks)).toMatch(/^\*\*PASS\*\*: all 5 checks/);
  });

  it('fails RSS growing 10% or more, a table still growing, latency climbing, a lag at the end and a restart', () => {
    const series: Series = new Map([
      ['rss jaeger', growing(100, 0.25)], // 102.5 at minute 10, 115 at 60: +12%
      ['outbox order', growing(0, 20)],
      ['latency p50', growing(100, 5)],
      ['lag history', [...flat(3).slice(0, -1), { minute: 60, value: 5000 }]],
    ]);
    const checks = judgeSoak(series, 10, { email: 1 });
    expect(checks.filter((check) => !check.pass).map((check) => check.what)).toEqual(['rss jaeger', 'outbox order', 'latency p50', 'lag history', 'restarts']);
    expect(verdictLine(checks)).toMatch(/^\*\*FAIL\*\*: rss jaeger \(12\.2% from minute 10 to the end\).*restarts \(email 1\)$/);
  });
});
