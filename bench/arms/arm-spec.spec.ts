import { parseArms, roundOrder } from './arm-spec.ts';

describe('parseArms', () => {
  it('reads each arm\'s name, its Node flags and its environment', () => {
    expect(parseArms('base:; small: --max-semi-space-size=1 MALLOC_ARENA_MAX=1 GLIBC_TUNABLES=glibc.malloc.trim_threshold=0')).toEqual([
      { name: 'base', nodeFlags: [], env: {} },
      { name: 'small', nodeFlags: ['--max-semi-space-size=1'], env: { MALLOC_ARENA_MAX: '1', GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=0' } },
    ]);
  });

  it('refuses fewer than two arms, a name given twice, and a word that is neither a flag nor an assignment', () => {
    expect(() => parseArms('base:')).toThrow(/at least two arms/);
    expect(() => parseArms('a:; a: --jitless')).toThrow(/"a" is named twice/);
    expect(() => parseArms('a:; b: jitless')).toThrow(/"jitless" is neither a Node flag/);
    expect(() => parseArms('a:; --jitless')).toThrow(/expected "name:/);
  });
});

describe('roundOrder', () => {
  it('alternates the arms\' order from one round to the next', () => {
    expect([0, 1, 2].map((round) => roundOrder(['a', 'b', 'c'], round).join(''))).toEqual(['abc', 'cba', 'abc']);
  });
});
