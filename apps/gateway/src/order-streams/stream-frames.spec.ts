import { parseCursor, replayedAfter } from './stream-cursor.js';
import { compareEntries } from './stream-entry.js';
import { StreamFrames } from './stream-frames.js';

const entry = (time: string, eventId: string) => ({ eventId, type: 'shop.order.placed.v1', source: '/shop/order', time, summary: 'Order placed: 1 unit' });
const id = '9b2f1c4e-2d7a-4b8e-9c1d-3e4f5a6b7c8d';

describe('the stream frames', () => {
  it('are written as the protocol says, one data line each', () => {
    expect(StreamFrames.retry(3000)).toBe('retry: 3000\n\n');
    expect(StreamFrames.status('o-1', 'PENDING')).toBe('event: status\ndata: {"orderId":"o-1","status":"PENDING"}\n\n');
    expect(StreamFrames.entry(entry('2026-01-01T00:00:00.000Z', id))).toBe(
      `event: entry\nid: 1767225600000_${id}\ndata: {"eventId":"${id}","type":"shop.order.placed.v1","source":"/shop/order","time":"2026-01-01T00:00:00.000Z","summary":"Order placed: 1 unit"}\n\n`,
    );
    expect(StreamFrames.keepAlive).toBe(': keep-alive\n\n');
    expect(StreamFrames.end('o-1', 'SHIPPED')).toBe('event: end\ndata: {"orderId":"o-1","status":"SHIPPED"}\n\n');
  });
});

describe('the stream cursor', () => {
  it('reads back what an entry id says, and nothing else', () => {
    expect(parseCursor(`1767225600000_${id}`)).toEqual({ timeMs: 1767225600000, eventId: id });
    expect([parseCursor(undefined), parseCursor(''), parseCursor('42'), parseCursor('x_y'), parseCursor(`1_${'a'.repeat(101)}`)]).toEqual(Array(5).fill(undefined));
  });

  it('replays from the margin before the cursor: everything without one', () => {
    const cursor = parseCursor(`1767225610000_${id}`);
    const times = ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:04.999Z', '2026-01-01T00:00:05.000Z', '2026-01-01T00:00:12.000Z'];
    expect(times.map((time) => entry(time, id)).filter(replayedAfter(cursor, 5_000)).map((e) => e.time)).toEqual(times.slice(2));
    expect(times.map((time) => entry(time, id)).filter(replayedAfter(undefined, 5_000))).toHaveLength(4);
  });

  it('orders entries as history does: by time, then event id', () => {
    const entries = [entry('2026-01-01T00:00:01.000Z', 'b'), entry('2026-01-01T00:00:01.000Z', 'a'), entry('2026-01-01T00:00:00.500Z', 'c')];
    expect(entries.sort(compareEntries).map((e) => e.eventId)).toEqual(['c', 'a', 'b']);
  });
});
