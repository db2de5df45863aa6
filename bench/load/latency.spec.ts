import { Latencies } from './latency.ts';

describe('Latencies', () => {
  it('reads percentiles and the maximum from what was recorded, in ms', () => {
    const latencies = new Latencies();
    for (let ms = 1; ms <= 100; ms++) latencies.record(ms);
    const figures = latencies.figures();
    expect(figures.count).toBe(100);
    expect(figures.p50).toBeCloseTo(50, 0);
    expect(figures.p90).toBeCloseTo(90, 0);
    expect(figures.p99).toBeCloseTo(99, 0);
    expect(figures.max).toBeCloseTo(100, 0);
  });

  it('keeps sub-millisecond answers apart, and says 0 when nothing was recorded', () => {
    expect(new Latencies().figures()).toEqual({ count: 0, p50: 0, p90: 0, p99: 0, max: 0 });
    const fast = new Latencies();
    fast.record(0.25);
    expect(fast.figures().p50).toBeCloseTo(0.25, 2);
  });

  it('adds a window into the run and forgets the window on reset', () => {
    const run = new Latencies();
    const window = new Latencies();
    window.record(10);
    window.record(1_000);
    run.add(window);
    window.reset();
    expect(window.figures().count).toBe(0);
    expect(run.figures()).toMatchObject({ count: 2, max: expect.closeTo(1_000, 0) });
  });
});
