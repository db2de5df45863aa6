import type { Arm } from './arm-spec.ts';
import { type ArmRun, formatArmsTables } from './arms-report.ts';

const arms: Arm[] = [
  { name: 'base', nodeFlags: [], env: {} },
  { name: 'pool1', nodeFlags: ['--v8-pool-size=1'], env: {} },
];
const run = (round: number, arm: string, orderMs: number, historyMs: number, slowdown: number | undefined, peaks: number[]): ArmRun => ({
  round,
  arm,
  decided: 100,
  cpuMs: { order: orderMs * 100, history: historyMs * 100 },
  slowdown,
  warmMb: 200,
  peaksMb: { order: peaks[0]!, history: peaks[1]! },
});

describe('formatArmsTables', () => {
  const lines = formatArmsTables(
    arms,
    [run(0, 'base', 6, 4, 1.25, [120, 110]), run(0, 'pool1', 5, 3, 1.25, [130, 120]), run(1, 'pool1', 5, 4, 1, [128, 122]), run(1, 'base', 6, 5, 1, [118, 112])],
    ['order', 'history'],
  );

  it('gives each arm\'s medians at the reference speed and against the first arm', () => {
    // base: 10 and 11 ms an order, 8 and 11 at the reference speed → 9.5; pool1: 8 and 9 → 6.4 and 9 → 7.7.
    expect(lines[2]).toBe('| base | 2 | 10.5 | 9.5 | 1.00× | 230 | 1.00× |');
    expect(lines[3]).toBe('| pool1 | 2 | 8.5 | 7.7 | 0.81× | 250 | 1.09× |');
  });

  it('lists every run with each app\'s CPU per order and the peaks', () => {
    expect(lines).toContain('| 1 | base | 100 | 10.0 | 8.0 | 6.00 | 4.00 | 200 | 230 | 120 |');
    expect(lines.at(-1)).toBe('| 2 | base | 100 | 11.0 | 11.0 | 6.00 | 5.00 | 200 | 230 | 118 |');
  });
});
