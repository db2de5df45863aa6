// The live progress line, once a second: what the last second looked like
// (rates, latencies of that second) and the run so far (counts).
import { decidedCount, formatFailures, type LoadFigures } from './load-stats.ts';

export interface Progress {
  elapsedS: number;
  /** The last window's figures and its length in seconds. */
  window: LoadFigures;
  windowS: number;
  /** The run's so far. */
  total: LoadFigures;
  /** Each shop consumer group's lag on the order topic (messages), or undefined when it could not be read. */
  lag: Record<string, number> | undefined;
}

export const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

export function formatProgress({ elapsedS, window, windowS, total, lag }: Progress): string {
  const rate = (count: number) => (count / windowS).toFixed(1);
  const lagText = lag === undefined ? '?' : Object.entries(lag).map(([group, behind]) => `${group} ${behind}`).join(' ') || 'none';
  return [
    `${elapsedS.toFixed(0).padStart(4)}s`,
    `sent ${rate(window.sent)}/s`,
    `accepted ${total.accepted}`,
    `decided ${decidedCount(total)} (${rate(decidedCount(window))}/s)`,
    `POST p50 ${ms(window.post.p50)} p99 ${ms(window.post.p99)} ms`,
    `placed→decided p50 ${ms(window.placedToDecided.p50)} p99 ${ms(window.placedToDecided.p99)} ms`,
    `errors ${formatFailures(total.failures)}`,
    `lag ${lagText}`,
  ].join(' | ');
}

/** Writes progress lines: rewritten in place on a terminal, one after another otherwise (a log, a pipe). */
export function progressWriter(stream: NodeJS.WriteStream = process.stderr) {
  return {
    line(text: string) {
      if (stream.isTTY) stream.write(`\r\x1b[2K${text.slice(0, Math.max(20, (stream.columns ?? 200) - 1))}`);
      else stream.write(`${text}\n`);
    },
    /** Leaves the terminal's line for what is printed next. */
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
