import { deadlineHeader, isPastDeadline, REQUEST_DEADLINE_HEADER } from './request-deadline.js';

describe('request deadline', () => {
  it('is the time the caller stops waiting', () => {
    expect(deadlineHeader(3_000, 1_000_000)).toEqual({ [REQUEST_DEADLINE_HEADER]: '1003000' });
  });

  it('has passed only after that time, read as text or as the bytes Kafka carries', () => {
    const headers = deadlineHeader(3_000, 1_000_000);
    expect(isPastDeadline(headers, 1_003_000)).toBe(false);
    expect(isPastDeadline(headers, 1_003_001)).toBe(true);
    expect(isPastDeadline({ [REQUEST_DEADLINE_HEADER]: Buffer.from('1003000') }, 1_003_001)).toBe(true);
  });

  it('never passes for a request without one, or with one that is not a time', () => {
    expect(isPastDeadline(undefined)).toBe(false);
    expect(isPastDeadline({})).toBe(false);
    expect(isPastDeadline({ [REQUEST_DEADLINE_HEADER]: 'soon' })).toBe(false);
  });
});
