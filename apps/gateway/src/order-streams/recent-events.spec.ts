import type { KafkaMessage } from 'kafkajs';
import { RecentEvents } from './recent-events.js';

const message = (n: number) => ({ offset: String(n) }) as KafkaMessage;

describe('RecentEvents', () => {
  it('keeps each key’s messages in arrival order, and drops the oldest past its count', () => {
    const recent = new RecentEvents(60_000, 3);
    recent.add('a', message(1));
    recent.add('b', message(2));
    recent.add('a', message(3));
    recent.add('a', message(4));
    expect(recent.of('a').map((m) => m.offset)).toEqual(['3', '4']);
    expect(recent.of('b').map((m) => m.offset)).toEqual(['2']);
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
    expect(recent.of('a').map((m) => m.offset)).toEqual(['2']);
    recent.clear();
    expect([recent.of('a'), recent.size]).toEqual([[], 0]);
  });

  it('stays bounded over many events (compacting as it goes)', () => {
    const recent = new RecentEvents(60_000, 100);
    for (let n = 0; n < 10_000; n++) recent.add(`k${n % 7}`, message(n));
    expect(recent.size).toBe(100);
    expect(recent.of('k0').length).toBeGreaterThan(0);
  });

  it('keeps each message’s bytes in one allocation of their size, not views of the socket read they came in', () => {
    const text = '..order-1..{"id":1}..ce_id=e-1..';
    const read = Buffer.alloc(64 * 1024);
    read.write(text);
    const view = (part: string) => read.subarray(text.indexOf(part), text.indexOf(part) + part.length);
    const recent = new RecentEvents();
    recent.add('order-1', { offset: '7', key: view('order-1'), value: view('{"id":1}'), headers: { ce_id: view('e-1'), many: [view('ce_id'), 'text'] } } as unknown as KafkaMessage);

    const [kept] = recent.of('order-1');
    const buffers = [kept!.key!, kept!.value!, kept!.headers!.ce_id as Buffer, (kept!.headers!.many as Buffer[])[0]!];
    expect(buffers.map(String)).toEqual(['order-1', '{"id":1}', 'e-1', 'ce_id']);
    expect(new Set(buffers.map((bytes) => bytes.buffer)).size).toBe(1);
    expect(buffers[0]!.buffer.byteLength).toBe('order-1{"id":1}e-1ce_id'.length);
    expect(kept!.headers!.many).toEqual([Buffer.from('ce_id'), 'text']);
    expect(kept!.offset).toBe('7');
  });
});
