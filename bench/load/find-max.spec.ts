import { LoadStats } from './load-stats.ts';
import { formatSteps, narrowedRate, nextRate, stepVerdict } from './find-max.ts';

function step(accepted: number, { failures = 0, decidedMs = 100, undecided = 0 } = {}) {
  const stats = new LoadStats();
  for (let i = 0; i < accepted; i++) stats.answered(202, 5);
  for (let i = 0; i < failures; i++) stats.answered(503, 3_000);
  for (let i = 0; i < accepted - undecided; i++) stats.decided('confirmed', decidedMs, decidedMs + 5);
  return { rate: 10, figures: stats.figures(), undecided };
}

describe('find-max', () => {
  it('keeps a step with 1% errors or fewer, p99 placed→decided within 1 s and every order decided', () => {
    expect(stepVerdict(step(99, { failures: 1 }))).toBeUndefined();
    expect(stepVerdict(step(100, { decidedMs: 990 }))).toBeUndefined();
  });

  it('stops at more than 1% errors', () => {
    expect(stepVerdict(step(98, { failures: 2 }))).toBe('errors 2.0% > 1%');
  });

  it('stops when p99 placed→decided passes 1 s', () => {
    expect(stepVerdict(step(100, { decidedMs: 1_200 }))).toMatch(/^p99 placed→decided 120\d ms > 1000 ms$/);
  });

  it('counts orders left undecided as too slow: a shop falling behind is not fast', () => {
    expect(stepVerdict(step(100, { undecided: 5 }))).toBe('5 of 100 accepted orders not decided at the step\'s end');
  });

  it('steps the rate by half again, at least one more', () => {
    const rates = [5];
    while (rates.length < 7) rates.push(nextRate(rates.at(-1)!));
    expect(rates).toEqual([5, 8, 12, 18, 27, 41, 62]);
    expect(nextRate(1)).toBe(2);
  });

  it('narrows down halfway between the highest sustained rate and the lowest that was not, until within a tenth', () => {
    expect(narrowedRate(12, 18)).toBe(15);
    expect(narrowedRate(15, 18)).toBe(17);
    expect(narrowedRate(17, 18)).toBeUndefined();
    expect(narrowedRate(41, 45)).toBeUndefined();
    expect(narrowedRate(undefined, 5)).toBeUndefined();
  });

  it('tabulates the steps with their verdicts', () => {
    const table = formatSteps([{ ...step(50), verdict: undefined }, { ...step(98, { failures: 2 }), verdict: 'errors 2.0% > 1%' }]);
    expect(table.split('\n')).toHaveLength(4);
    expect(table).toContain('| 10 | 50 | 50 | 50 | 0 | 5 | 100 / 100 | 0 | ok |');
    expect(table).toContain('| errors 2.0% > 1% |');
  });
});
