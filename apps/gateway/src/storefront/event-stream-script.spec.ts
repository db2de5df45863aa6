import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import vm from 'node:vm';
import { BROWSER_FOLDER } from '../pages/static-assets.js';

const EVENT_STREAM_SCRIPT = readFileSync(`${BROWSER_FOLDER}event-stream.js`, 'utf8');

type StreamEvent = { type: string; data: string; id: string };
type Parser = { push(text: string): StreamEvent[]; lastEventId: string; retryMs: number | null };
type EventStreamApi = {
  createParser(lastEventId?: string): Parser;
  retryAfterMs(header: string | null, now: number): number | null;
  follow(options: Record<string, unknown>): Promise<Record<string, unknown>>;
};

/** The script as the browser runs it (a classic script), in a realm with only what a browser would give it here. */
function loadEventStream(): EventStreamApi {
  const context = vm.createContext({ fetch, TextDecoder, setTimeout, clearTimeout, AbortController, AbortSignal });
  new vm.Script(EVENT_STREAM_SCRIPT, { filename: 'event-stream.js' }).runInContext(context);
  return new vm.Script('EventStream').runInContext(context) as EventStreamApi;
}

/** Values from the script's realm as plain data. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('the event-stream script', () => {
  const eventStream = loadEventStream();

  it('touches nothing but the network, and no other origin', () => {
    expect(EVENT_STREAM_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.|eval\(|new Function|EventSource\(/);
    expect(EVENT_STREAM_SCRIPT).not.toMatch(/https?:\/\//);
  });

  describe('parses text/event-stream', () => {
    const stream =
      'retry: 3000\n\nevent: status\ndata: {"status":"PENDING"}\n\n: keep-alive\n\nevent: entry\nid: c1\ndata: {"eventId":"e1"}\n\n' +
      'data: line one\r\ndata:line two\r\rdata\n\nevent: end\nid: c2\ndata: {"status":"SHIPPED"}\n\n';
    const expected = [
      { type: 'status', data: '{"status":"PENDING"}', id: '' },
      { type: 'entry', data: '{"eventId":"e1"}', id: 'c1' },
      { type: 'message', data: 'line one\nline two', id: 'c1' },
      { type: 'message', data: '', id: 'c1' },
      { type: 'end', data: '{"status":"SHIPPED"}', id: 'c2' },
    ];

    it('whole: events with their type, data, last id; comments skipped; `retry:` kept', () => {
      const parser = eventStream.createParser();
      expect(plain(parser.push(stream))).toEqual(expected);
      expect(parser.retryMs).toBe(3000);
      expect(parser.lastEventId).toBe('c2');
    });

    it('cut anywhere, a CR LF split between chunks included', () => {
      for (let size = 1; size <= 7; size += 1) {
        const parser = eventStream.createParser();
        const events: StreamEvent[] = [];
        for (let at = 0; at < stream.length; at += size) events.push(...parser.push(stream.slice(at, at + size)));
        expect(plain(events)).toEqual(expected);
      }
    });

    it('drops an event with no data and an unfinished one, ignores a bad retry and an id with NUL, keeps the id it started with', () => {
      const parser = eventStream.createParser('c9');
      expect(plain(parser.push('event: status\n\nretry: soon\nid: a\0b\ndata: x\n\ndata: unfinished'))).toEqual([{ type: 'message', data: 'x', id: 'c9' }]);
      expect(parser.retryMs).toBeNull();
    });
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = Date.parse('2026-11-23T17:00:00Z');
    expect(eventStream.retryAfterMs('2', now)).toBe(2000);
    expect(eventStream.retryAfterMs('Mon, 23 Nov 2026 17:00:05 GMT', now)).toBe(5000);
    expect(eventStream.retryAfterMs(null, now)).toBeNull();
    expect(eventStream.retryAfterMs('soon', now)).toBeNull();
  });

  describe('follows a stream from a stub server', () => {
    let server: Server;
    let url: string;
    let answer: (request: IncomingMessage, response: ServerResponse, connection: number) => void;
    let connections: IncomingMessage['headers'][];

    beforeAll(async () => {
      server = createServer((request, response) => {
        connections.push(request.headers);
        answer(request, response, connections.length);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders/o1/events`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));
    beforeEach(() => {
      connections = [];
    });

    const streamHead = (response: ServerResponse) => response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });

    function followStub(overrides: Record<string, unknown> = {}) {
      const events: StreamEvent[] = [];
      const waits: unknown[] = [];
      const renewals: boolean[] = [];
      const done = eventStream
        .follow({
          url,
          headers: ({ renew }: { renew: boolean }) => {
            renewals.push(renew);
            return { authorization: renew ? 'Bearer fresh' : 'Bearer stale' };
          },
          onEvent: (event: StreamEvent) => events.push(plain(event)),
          isLast: (event: StreamEvent) => event.type === 'end',
          onWait: (wait: unknown) => waits.push(plain(wait)),
          signal: new AbortController().signal,
          ...overrides,
        })
        .then(plain);
      return { events, waits, renewals, done };
    }

    it('reconnects after the server’s retry delay with Last-Event-ID, until the last event', async () => {
      answer = (_request, response, connection) => {
        streamHead(response);
        if (connection === 1) {
          response.end('retry: 20\n\nevent: status\ndata: {"status":"PENDING"}\n\nevent: entry\nid: c1\ndata: {"eventId":"e1"}\n\n');
        } else {
          response.write('event: status\ndata: {"status":"CONFIRMED"}\n\n: keep-alive\n\n');
          response.end('event: end\ndata: {"status":"SHIPPED"}\n\n');
        }
      };
      const follow = followStub();
      expect(await follow.done).toEqual({ outcome: 'finished' });
      expect(follow.events.map((event) => event.type)).toEqual(['status', 'entry', 'status', 'end']);
      expect(connections).toHaveLength(2);
      expect(connections[0]).toMatchObject({ accept: 'text/event-stream', authorization: 'Bearer stale' });
      expect(connections[0]!['last-event-id']).toBeUndefined();
      expect(connections[1]).toMatchObject({ 'last-event-id': 'c1' });
      expect(follow.waits).toEqual([{ waitMs: 20, status: 200, body: 'the stream closed' }]);
    });

    it('signs in again once on a 401, waits out a 503’s Retry-After, and stops at a 404', async () => {
      answer = (_request, response, connection) => {
        if (connection === 1) response.writeHead(401, { 'content-type': 'application/problem+json' }).end('{"status":401}');
        else if (connection === 2) response.writeHead(503, { 'retry-after': '0', 'content-type': 'application/problem+json' }).end('{"status":503}');
        else response.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"title":"Not found","status":404}');
      };
      const follow = followStub();
      expect(await follow.done).toEqual({ outcome: 'refused', status: 404, body: { title: 'Not found', status: 404 } });
      expect(follow.renewals).toEqual([false, true, false]);
      expect(connections[1]).toMatchObject({ authorization: 'Bearer fresh' });
      expect(follow.waits).toEqual([{ waitMs: 0, status: 503, body: { status: 503 } }]);
    });

    it('gives up after connections in a row that bring no event', async () => {
      answer = (_request, response) => {
        streamHead(response);
        response.end('retry: 1\n\n: nothing to say\n\n');
      };
      const follow = followStub({ maxFailures: 2 });
      expect(await follow.done).toEqual({ outcome: 'gave-up', status: 200, body: 'the stream closed' });
      expect(connections).toHaveLength(3);
    });

    it('drops a connection that went silent and opens another', async () => {
      answer = (_request, response, connection) => {
        streamHead(response);
        if (connection === 1) response.write('retry: 1\n\nevent: status\ndata: {"status":"PENDING"}\n\n');
        else response.end('event: end\ndata: {"status":"SHIPPED"}\n\n');
      };
      const follow = followStub({ idleMs: 100 });
      expect(await follow.done).toEqual({ outcome: 'finished' });
      expect(follow.events.map((event) => event.type)).toEqual(['status', 'end']);
      expect(connections).toHaveLength(2);
    });

    it('stops when the page aborts, even while it waits to reconnect', async () => {
      answer = (_request, response) => response.writeHead(503, { 'retry-after': '3600' }).end();
      const page = new AbortController();
      const follow = followStub({ signal: page.signal, onWait: () => page.abort() });
      expect(await follow.done).toEqual({ outcome: 'stopped' });
    });
  });
});
