import type { PackedMessage } from './message-packer.js';
import { RecentEvents } from './recent-events.js';

const message = (n: number): PackedMessage => ({ value: Buffer.from(String(n)), headers: {} });
const values = (messages: PackedMessage[]) => messages.map((m) => String(m.value));

describe('RecentEvents', () => {
  it('keeps each key’s messages in arrival order, and drops the oldest past its count', () => {
    const recent = new RecentEvents(60_000, 3);
    recent.add('a', message(1));
    recent.add('b', message(2));
    recent.add('a', message(3));
    recent.add('a', message(4));
    expect(values(recent.of('a'))).toEqual(['3', '4']);
    expect(values(recent.of('b'))).toEqual(['2']);
    recent.add('c', message(5));
    expect(recent.of('b')).toEqual([]);
    expect(recent.size).toBe(3);
  });

  it('forgets what is older than its age, and everything when cleared', () => {
    let now = 0;
    const recent = new RecentEvents(1_000, 100, () => now);
    recent.add('a', message(1));
    now = 600;
    recent.add('a', message(2));
    now = 1_200;
    expect(values(recent.of('a'))).toEqual(['2']);
    recent.clear();
    expect([recent.of('a'), recent.size]).toEqual([[], 0]);
  });

  it('stays bounded over many events (compacting as it goes)', () => {
    const recent = new RecentEvents(60_000, 100);
    for (let n = 0; n < 10_000; n++) recent.add(`k${n % 7}`, message(n));
    expect(recent.size).toBe(100);
    expect(recent.of('k0').length).toBeGreaterThan(0);
  });
});
