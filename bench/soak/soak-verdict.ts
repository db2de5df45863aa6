// The issue's verdict on a soak: a store or a process that keeps growing at
// steady load would, over a year, outgrow any limit. Judged on the points
// after the warm-up (caches filled, JIT done, tables at their retention).
import { after, endToEndGrowth, relativeGrowthPerHour, type Series } from './series.ts';

/** Every process's RSS grows less than this between the end of the warm-up and the end. */
export const RSS_GROWTH_LIMIT = 0.1;
/** An outbox or inbox count has levelled off when its trend is under this share of its level an hour. */
export const TABLE_TREND_LIMIT = 0.1;
/** Latency is flat when its trend is under this share of its level an hour. */
export const LATENCY_TREND_LIMIT = 0.25;
/** A consumer group is keeping up when it ends at most this many messages behind. */
export const LAG_LIMIT = 100;

export interface Check {
  what: string;
  pass: boolean;
  detail: string;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** One check per series (names as soak-sample.ts makes them: `rss …`, `outbox …`, `inbox …`, `lag …`, `latency …`) and one for restarts. */
export function judgeSoak(series: Series, warmUpMinutes: number, restarts: Record<string, number>): Check[] {
  const checks: Check[] = [];
  for (const [name, points] of series) {
    const steady = after(points, warmUpMinutes);
    if (steady.length < 2) continue;
    if (name.startsWith('rss ')) {
      const growth = endToEndGrowth(steady);
      checks.push({ what: name, pass: growth < RSS_GROWTH_LIMIT, detail: `${percent(growth)} from minute ${steady[0]!.minute.toFixed(0)} to the end` });
    } else if (name.startsWith('outbox ') || name.startsWith('inbox ')) {
      const trend = relativeGrowthPerHour(steady);
      checks.push({ what: name, pass: trend < TABLE_TREND_LIMIT, detail: `trend ${percent(trend)} of its level an hour` });
    } else if (name.startsWith('latency ')) {
      const trend = relativeGrowthPerHour(steady);
      checks.push({ what: name, pass: trend < LATENCY_TREND_LIMIT, detail: `trend ${percent(trend)} of its level an hour` });
    } else if (name.startsWith('lag ')) {
      const last = steady.at(-1)!.value;
      checks.push({ what: name, pass: last <= LAG_LIMIT, detail: `${last} messages behind at the end` });
    }
  }
  const restarted = Object.entries(restarts).filter(([, count]) => count > 0);
  checks.push({
    what: 'restarts',
    pass: restarted.length === 0,
    detail: restarted.length === 0 ? 'none' : restarted.map(([process, count]) => `${process} ${count}`).join(', '),
  });
  return checks;
}

/** The one line the report starts with. */
export function verdictLine(checks: readonly Check[]): string {
  const failed = checks.filter((check) => !check.pass);
  return failed.length === 0
    ? `**PASS**: all ${checks.length} checks (RSS < ${percent(RSS_GROWTH_LIMIT)} growth, tables level, latency flat, consumers keeping up, no restart)`
    : `**FAIL**: ${failed.map((check) => `${check.what} (${check.detail})`).join('; ')}`;
}
