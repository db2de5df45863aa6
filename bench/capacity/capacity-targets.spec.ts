import { ratioRun } from './capacity-fixture.ts';
import { cpuMsPerOrder, judge } from './capacity-targets.ts';

describe('capacity targets', () => {
  it('sums the shop\'s processes per decided order, leaving out the benchmark and other clients\' backends', () => {
    // 7 apps + kafka + postgres at 300 ms each over 100 orders.
    expect(cpuMsPerOrder(ratioRun(0.1))).toBe(27);
  });

  it('passes a run within every target', () => {
    const verdicts = judge([ratioRun(0.1), ratioRun(1, { cpuMs: 350 })]);
    expect(verdicts.map((verdict) => verdict.pass)).toEqual(Array(10).fill(true));
    expect(verdicts[1]!.figure).toBe('31.5 ms = 1.17×');
  });

  it('fails each target a run misses, and says which apps are over', () => {
    const verdicts = judge([ratioRun(0.1, { cpuMs: 600, max: 27, confirmedMs: 400, rssMb: 130 }), ratioRun(1, { cpuMs: 900 })]);
    const failed = verdicts.filter((verdict) => verdict.pass === false).map((verdict) => verdict.target);
    expect(failed).toEqual([
      'CPU per decided order, all processes, at ratio 0.1 ≤ 45 ms',
      'CPU per decided order at ratio 1 ≤ 1.3× that at 0.1',
      'maximum sustainable ≥ 50 orders/s (ratio 0.1)',
      'p99 placed→confirmed ≤ 300 ms at half the maximum (ratio 0.1)',
      'each app ≤ 120 MB peak RSS (ratio 0.1)',
      'the seven apps together ≤ 800 MB peak RSS (ratio 0.1)',
    ]);
    expect(verdicts.find((verdict) => verdict.target.startsWith('each app'))!.figure).toMatch(/^largest email 130 MB; over: email, history/);
  });

  it('leaves a target not measured when its ratio was not run', () => {
    const verdicts = judge([ratioRun(0.5)]);
    expect(verdicts.slice(0, 2).map((verdict) => [verdict.figure, verdict.pass])).toEqual([
      ['not measured', undefined],
      ['not measured', undefined],
    ]);
  });
});
