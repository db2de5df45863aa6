import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { eventExample, type OrderStatus, toKafkaHeaders } from '@shop/event-contracts';
import type { KafkaMessage } from 'kafkajs';
import { ProblemException } from '../problem/problem.js';
import { OrderStreamHub, type StreamRequest } from './order-stream-hub.js';
import type { OrderStreamSettings } from './order-stream-settings.js';
import type { StreamEntry } from './stream-entry.js';

/** Enough of a ServerResponse: what was written, and a client that can hang up. */
class FakeResponse extends EventEmitter {
  headersSent = false;
  destroyed = false;
  writableEnded = false;
  writableLength = 0;
  status?: number;
  headers: Record<string, string> = {};
  written = '';

  writeHead(status: number, headers: Record<string, string>) {
    this.status = status;
    this.headers = headers;
    this.headersSent = true;
    return this;
  }
  flushHeaders() {}
  write(chunk: string) {
    this.written += chunk;
    return true;
  }
  end(chunk?: string) {
    if (chunk) this.written += chunk;
    this.writableEnded = true;
    this.emit('close');
  }
  /** The client hangs up. */
  hangUp() {
    this.destroyed = true;
    this.emit('close');
  }
  frames(event: string): any[] {
    return this.written
      .split('\n\n')
      .filter((block) => block.startsWith(`event: ${event}\n`))
      .map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 6)));
  }
}

const quiet: LoggerService = { log: () => undefined, warn: () => undefined, error: () => undefined };
const settings: OrderStreamSettings = { heartbeatMs: 60_000, settleMs: 30, perCustomer: 3, max: 1_000, replayMarginMs: 5_000, retryMs: 3_000 };
let sequence = 0;
/** Order ids are UUIDs (the contracts check): a readable name per order in these tests. */
const ids = new Map<string, string>();
const order = (name: string) => {
  if (!ids.has(name)) ids.set(name, `10000000-0000-4000-8000-${String(ids.size + 1).padStart(12, '0')}`);
  return ids.get(name)!;
};

/** An event of `orderId` as the relay publishes it (key, CloudEvents headers, JSON data). */
function event(name: string, type: keyof typeof TYPES, time = new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)).toISOString()): KafkaMessage {
  const orderId = order(name);
  const id = `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;
  const headers = toKafkaHeaders({ id, type: TYPES[type], source: '/shop/order', specversion: '1.0', time, subject: orderId, correlationId: id, causationId: id });
  return { key: Buffer.from(orderId), value: Buffer.from(JSON.stringify({ ...eventExample(TYPES[type]), orderId })), headers, offset: String(sequence) } as unknown as KafkaMessage;
}
const TYPES = {
  placed: 'shop.order.placed.v1',
  confirmed: 'shop.order.confirmed.v1',
  shipped: 'shop.order.shipped.v1',
  email: 'shop.email.sent.v1',
} as const;

function entryOf(message: KafkaMessage): StreamEntry {
  const header = (name: string) => String(message.headers![name]);
  return { eventId: header('ce_id'), type: header('ce_type'), source: header('ce_source'), time: header('ce_time'), summary: 'as history described it' };
}

describe('OrderStreamHub', () => {
  let hub: OrderStreamHub;
  beforeEach(() => {
    sequence = 0;
    hub = new OrderStreamHub(['shop.order.events'], settings, quiet);
    hub.serveFor(60_000);
  });
  afterEach(() => hub.beforeApplicationShutdown());

  async function open(name: string, options: Partial<StreamRequest> & { customerId?: string } = {}): Promise<FakeResponse> {
    const response = new FakeResponse();
    await hub.openStream({
      orderId: order(name),
      status: 'PENDING' as OrderStatus,
      customerId: 'ada',
      response: response as unknown as ServerResponse,
      recorded: async () => [],
      ...options,
    });
    return response;
  }

  it('starts each stream with the retry, the status, then the recorded entries in the timeline’s order', async () => {
    const [placed, confirmed] = [event('o-1', 'placed'), event('o-1', 'confirmed')];
    const response = await open('o-1', { status: 'CONFIRMED', recorded: async () => [entryOf(confirmed), entryOf(placed)] });
    expect(response.status).toBe(200);
    expect(response.headers).toEqual({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
    expect(response.written.startsWith(`retry: 3000\n\nevent: status\ndata: {"orderId":"${order('o-1')}","status":"CONFIRMED"}\n\nevent: entry\n`)).toBe(true);
    expect(response.frames('entry').map((entry) => entry.type)).toEqual(['shop.order.placed.v1', 'shop.order.confirmed.v1']);
    expect(response.frames('status')).toHaveLength(1);
  });

  it('fans one event out to every stream of its order, built once, and to no other order’s', async () => {
    const many = await Promise.all(Array.from({ length: 200 }, (_, i) => open('hot', { customerId: `c-${i}` })));
    const others = await Promise.all(Array.from({ length: 50 }, (_, i) => open(`cold-${i}`, { customerId: `d-${i}` })));
    const confirmed = event('hot', 'confirmed');
    hub.consume('shop.order.events', [confirmed, event('cold-7', 'placed')]);
    const frames = new Set(many.map((response) => response.written.slice(response.written.indexOf('event: entry'))));
    expect(frames.size).toBe(1);
    expect(many[0]!.frames('entry')).toEqual([expect.objectContaining({ eventId: entryOf(confirmed).eventId, summary: 'Order confirmed: EUR 44.99' })]);
    expect(many[199]!.frames('status').map((s) => s.status)).toEqual(['PENDING', 'CONFIRMED']);
    expect(others[7]!.frames('entry')).toHaveLength(1);
    expect(others.filter((response) => response.frames('entry').length > 0)).toHaveLength(1);
    expect(hub.describe()).toMatchObject({ open: 250, orders: 51 });
  });

  it('drops an event of an order nobody follows after one lookup: neither its value nor its headers are decoded', () => {
    const decoded: string[] = [];
    // As kafkajs delivers them: Buffers, here each recording when it is turned into text.
    const watched = (name: string, bytes: Buffer) =>
      Object.assign(bytes, {
        toString: (...args: Parameters<Buffer['toString']>): string => {
          decoded.push(name);
          return Buffer.prototype.toString.apply(bytes, args);
        },
      });
    const sent = event('nobody', 'placed');
    const headers = Object.fromEntries(Object.entries(sent.headers!).map(([name, value]) => [name, watched(name, Buffer.from(String(value)))]));
    hub.consume('shop.order.events', [Object.assign({}, sent, { value: watched('value', sent.value!), headers })]);
    expect(decoded).toEqual([]);
  });

  it('adds what the feed consumed before the stream subscribed and history has not recorded yet, once', async () => {
    const [placed, confirmed] = [event('o-2', 'placed'), event('o-2', 'confirmed')];
    hub.consume('shop.order.events', [placed, confirmed]); // nobody follows o-2 yet
    const response = await open('o-2', { recorded: async () => [entryOf(placed)] });
    expect(response.frames('entry').map((entry) => entry.eventId)).toEqual([entryOf(placed).eventId, entryOf(confirmed).eventId]);
    expect(response.frames('status').map((s) => s.status)).toEqual(['PENDING', 'CONFIRMED']);
  });

  it('sends an event that arrives while the snapshot is read once: after it, unless the snapshot had it', async () => {
    const [placed, confirmed] = [event('o-3', 'placed'), event('o-3', 'confirmed')];
    const response = await open('o-3', {
      recorded: async () => {
        hub.consume('shop.order.events', [placed, confirmed]); // consumed meanwhile; history has recorded one of them
        return [entryOf(placed)];
      },
    });
    expect(response.frames('entry').map((entry) => entry.eventId)).toEqual([entryOf(placed).eventId, entryOf(confirmed).eventId]);
    expect(response.frames('status').map((s) => s.status)).toEqual(['PENDING', 'CONFIRMED']);
  });

  it('on a reconnect, sends again only what is stamped within the margin before Last-Event-ID', async () => {
    const times = [0, 10, 20, 24].map((s) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString());
    const recorded = times.map((time) => entryOf(event('o-4', 'email', time)));
    const last = recorded[2]!;
    const response = await open('o-4', { recorded: async () => recorded, lastEventId: `${Date.parse(last.time)}_${last.eventId}` });
    expect(response.frames('entry').map((entry) => entry.time)).toEqual(times.slice(2)); // 20 s and 24 s; 10 s is 10 s before, past the 5 s margin
    const garbled = await open('o-4', { recorded: async () => recorded, lastEventId: 'not ours' });
    expect(garbled.frames('entry')).toHaveLength(4);
  });

  it('ends once final and settled: `end` after the last entry, then closed; an order final at connect too', async () => {
    const response = await open('o-5', { status: 'CONFIRMED' });
    hub.consume('shop.order.events', [event('o-5', 'shipped')]);
    hub.consume('shop.order.events', [event('o-5', 'email')]); // follows the final status: restarts the quiet period
    expect(response.writableEnded).toBe(false);
    await new Promise((resolve) => response.once('close', resolve));
    expect(response.written.endsWith(`event: end\ndata: {"orderId":"${order('o-5')}","status":"SHIPPED"}\n\n`)).toBe(true);
    expect(response.frames('entry').map((entry) => entry.type)).toEqual(['shop.order.shipped.v1', 'shop.email.sent.v1']);
    expect(hub.describe()).toMatchObject({ open: 0, orders: 0 });

    const late = await open('o-6', { status: 'SHIPPED' });
    await new Promise((resolve) => late.once('close', resolve));
    expect(late.frames('end')).toEqual([{ orderId: order('o-6'), status: 'SHIPPED' }]);
  });

  it('bounds streams per customer (429) and per instance (503), and frees a place as soon as a client hangs up', async () => {
    const held = await Promise.all([open('o-7'), open('o-7'), open('o-8')]);
    const refused = await open('o-7').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProblemException);
    expect((refused as ProblemException).problem).toMatchObject({ status: 429, type: '/problems/too-many-streams' });
    expect((refused as ProblemException).headers).toMatchObject({ 'Retry-After': expect.any(String) });
    held[0]!.hangUp();
    await expect(open('o-7')).resolves.toBeInstanceOf(FakeResponse);

    hub.beforeApplicationShutdown();
    hub = new OrderStreamHub([], { ...settings, max: 1 }, quiet);
    hub.serveFor(60_000);
    await open('o-9');
    await expect(open('o-9', { customerId: 'bob' })).rejects.toMatchObject({ problem: { status: 503 }, headers: { 'Retry-After': expect.any(String) } });
  });

  it('refuses streams while the feed is not consuming, and ends the open ones (no `end`: their clients come back with Last-Event-ID)', async () => {
    const response = await open('o-10');
    hub.stopServing('the broker is away');
    expect(response.writableEnded).toBe(true);
    expect(response.frames('end')).toEqual([]);
    await expect(open('o-10')).rejects.toMatchObject({ problem: { status: 503 } });
    hub.serveFor(60_000);
    await expect(open('o-10')).resolves.toBeInstanceOf(FakeResponse);
  });

  it('answers a problem, writing nothing, when history cannot be read', async () => {
    const response = new FakeResponse();
    const failing = hub.openStream({ orderId: order('o-11'), status: 'PENDING', customerId: 'ada', response: response as unknown as ServerResponse, recorded: () => Promise.reject(new ProblemException({ type: 'x', title: 'x', status: 503 })) });
    await expect(failing).rejects.toBeInstanceOf(ProblemException);
    expect([response.headersSent, response.written, hub.open]).toEqual([false, '', 0]);
  });

  it('drops a client whose socket holds too much unsent', async () => {
    const slow = await open('o-12');
    slow.writableLength = 10 * 1024 * 1024;
    hub.consume('shop.order.events', [event('o-12', 'confirmed')]);
    expect([slow.writableEnded, hub.open]).toEqual([true, 0]);
  });
});
