import { planDeadLetterPage } from './dead-letter-page-plan.js';
import { formatDeadLetterPosition, parseDeadLetterPosition } from './dead-letter-position.js';

describe('planDeadLetterPage', () => {
  const partitions = [
    { partition: 1, low: 0n, high: 3n },
    { partition: 0, low: 5n, high: 7n },
    { partition: 2, low: 4n, high: 4n },
  ];

  it('reads the first dead letters in (partition, offset) order, from each partition’s low mark', () => {
    expect(planDeadLetterPage(partitions, 3)).toEqual({
      reads: [
        { partition: 0, start: 5n, end: 7n },
        { partition: 1, start: 0n, end: 1n },
      ],
      hasMore: true,
    });
  });

  it('continues after a position, and says when nothing is left', () => {
    expect(planDeadLetterPage(partitions, 3, { partition: 1, offset: 0n })).toEqual({ reads: [{ partition: 1, start: 1n, end: 3n }], hasMore: false });
    expect(planDeadLetterPage(partitions, 2, { partition: 0, offset: 6n })).toEqual({ reads: [{ partition: 1, start: 0n, end: 2n }], hasMore: true });
    expect(planDeadLetterPage(partitions, 10, { partition: 1, offset: 2n })).toEqual({ reads: [], hasMore: false });
  });

  it('knows there is more when a page ends exactly at a partition’s end and another partition has some', () => {
    expect(planDeadLetterPage(partitions, 2)).toEqual({ reads: [{ partition: 0, start: 5n, end: 7n }], hasMore: true });
    expect(planDeadLetterPage(partitions, 5)).toEqual({ reads: [{ partition: 0, start: 5n, end: 7n }, { partition: 1, start: 0n, end: 3n }], hasMore: false });
  });

  it('starts at the low mark when a position points below it (older dead letters deleted)', () => {
    expect(planDeadLetterPage([{ partition: 0, low: 10n, high: 12n }], 5, { partition: 0, offset: 2n })).toEqual({
      reads: [{ partition: 0, start: 10n, end: 12n }],
      hasMore: false,
    });
  });
});

describe('dead-letter positions', () => {
  it('are written partition:offset and read back', () => {
    expect(formatDeadLetterPosition({ partition: 2, offset: 41n })).toBe('2:41');
    expect(parseDeadLetterPosition('2:41')).toEqual({ partition: 2, offset: 41n });
    expect(parseDeadLetterPosition('0:0')).toEqual({ partition: 0, offset: 0n });
  });

  it('refuse anything else', () => {
    for (const text of ['', '2', '2:', ':4', '-1:3', '1:-3', '01:3', '1:2:3', 'a:b', '1:99999999999999999999']) {
      expect([text, parseDeadLetterPosition(text)]).toEqual([text, undefined]);
    }
  });
});
