// Latencies of one kind (the POST, placed→decided) as an HdrHistogram: memory
// stays flat however long a run lasts, and p99/max are read from what was
// recorded, not estimated from a sample.
import hdr from 'hdr-histogram-js';

/** The percentiles the progress line and the summary table show, in ms. */
export interface LatencyFigures {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Recorded in microseconds, up to 10 minutes: a later answer is counted as 10 minutes. */
const HIGHEST_US = 600_000_000;

export class Latencies {
  private histogram = Latencies.empty();

  private static empty() {
    return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3 });
  }

  record(ms: number): void {
    this.histogram.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000))));
  }

  /** Adds everything another one recorded (a window's figures into the run's). */
  add(other: Latencies): void {
    this.histogram.add(other.histogram);
  }

  figures(): LatencyFigures {
    const at = (percentile: number) => (this.histogram.totalCount === 0 ? 0 : this.histogram.getValueAtPercentile(percentile) / 1000);
    return { count: this.histogram.totalCount, p50: at(50), p90: at(90), p99: at(99), max: this.histogram.maxValue / 1000 };
  }

  /** Forgets what was recorded: one histogram serves window after window. */
  reset(): void {
    this.histogram.reset();
  }
}
