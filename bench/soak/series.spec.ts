import { after, endToEndGrowth, growthPerHour, relativeGrowthPerHour } from './series.ts';

const line = (slopePerMinute: number, start = 100) => Array.from({ length: 11 }, (_, i) => ({ minute: 10 + i * 5, value: start + slopePerMinute * i * 5 }));

describe('soak series', () => {
  it('reads the growth per hour of a straight line exactly, and 0 of a flat one or a single point', () => {
    expect(growthPerHour(line(2))).toBeCloseTo(120);
    expect(growthPerHour(line(0))).toBe(0);
    expect(growthPerHour([{ minute: 3, value: 7 }])).toBe(0);
  });

  it('is barely moved by one outlier among level samples', () => {
    const level = line(0).map((point, i) => (i === 5 ? { ...point, value: 200 } : point));
    expect(Math.abs(relativeGrowthPerHour(level))).toBeLessThan(0.01);
  });

  it('says growth relative to the level, and from end to end', () => {
    expect(relativeGrowthPerHour(line(1, 100))).toBeCloseTo(60 / 125);
    expect(endToEndGrowth(line(1, 100))).toBeCloseTo(0.5);
    expect(endToEndGrowth([{ minute: 0, value: 0 }, { minute: 1, value: 5 }])).toBe(0);
  });

  it('keeps the points from a minute on', () => {
    expect(after(line(0), 40).map((point) => point.minute)).toEqual([40, 45, 50, 55, 60]);
  });
});
