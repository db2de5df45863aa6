// The soak's measurements as series: one value per sample, by name
// (`rss kafka`, `inbox order`, `latency p99`, ...), and what is read from a
// series: its growth per hour after the warm-up, by least squares, so one
// noisy sample moves it little.

export interface Point {
  /** Minutes since the load started. */
  minute: number;
  value: number;
}

export type Series = Map<string, Point[]>;

/** The points from `fromMinute` on. */
export const after = (points: readonly Point[], fromMinute: number): Point[] => points.filter((point) => point.minute >= fromMinute);

/** The least-squares slope, in value per hour; 0 with fewer than two distinct minutes. */
export function growthPerHour(points: readonly Point[]): number {
  if (points.length < 2) return 0;
  const meanMinute = points.reduce((sum, p) => sum + p.minute, 0) / points.length;
  const meanValue = points.reduce((sum, p) => sum + p.value, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.minute - meanMinute) * (p.value - meanValue);
    variance += (p.minute - meanMinute) ** 2;
  }
  return variance === 0 ? 0 : (covariance / variance) * 60;
}

/** Growth per hour as a share of the series' mean level (0.05 = 5% an hour); 0 for a series at 0. */
export function relativeGrowthPerHour(points: readonly Point[]): number {
  const mean = points.reduce((sum, p) => sum + p.value, 0) / Math.max(points.length, 1);
  return mean === 0 ? 0 : growthPerHour(points) / mean;
}

/** From the first point to the last, as a share of the first (0.1 = grew 10%); 0 when the first is 0. */
export function endToEndGrowth(points: readonly Point[]): number {
  const first = points[0]?.value ?? 0;
  const last = points.at(-1)?.value ?? 0;
  return first === 0 ? 0 : (last - first) / first;
}
