import { EventEmitter } from 'node:events';
import { defineEvent, toKafkaHeaders } from '@shop/event-contracts';
import type { KafkaMessage } from 'kafkajs';
import CircuitBreaker from 'opossum';
import { z } from 'zod';
import type { SqlExecutor } from '../sql-executor.js';
import { BreakerGate, type PausingBreaker } from './breaker-gate.js';
import type { DeliveryOutcome } from './consumer-observer.js';
import type { DeadLetterFailure } from './dead-letter-headers.js';
import type { DeadLetterPublisher } from './dead-letter-publisher.js';
import { EventProcessor } from './event-processor.js';
import type { EventHandler } from './event-handler.js';
import { DependencyUnavailableError, UnprocessableEventError } from './handler-errors.js';
import { HandlerRegistry } from './handler-registry.js';

const noted = defineEvent({
  type: 'shop.test.noted.v1',
  topic: 'shop.test.events',
  version: 1,
  schema: z.object({ orderId: z.string() }),
  key: (data) => data.orderId,
});

const delivery = (value = JSON.stringify({ orderId: 'o-1' }), id = 'e-1', offset = '7') => ({
  topic: noted.topic,
  partition: 0,
  message: {
    key: Buffer.from('o-1'),
    value: Buffer.from(value),
    offset,
    timestamp: '0',
    attributes: 0,
    headers: toKafkaHeaders({
      id,
      type: noted.type,
      source: '/shop/test',
      specversion: '1.0',
      time: '2026-01-01T00:00:00.000Z',
      subject: 'o-1',
      correlationId: 'e-1',
      causationId: 'e-1',
    }),
  } as KafkaMessage,
});

class FakeBreaker extends EventEmitter implements PausingBreaker {
  opened = false;
}

const breakerRefusal = () => Object.assign(new Error('Breaker is open'), { code: 'EOPENBREAKER' });
const silent = { log() {}, error() {}, warn() {}, debug() {} };
const heartbeat = async () => undefined;

function processorFor(handler: EventHandler<{ orderId: string }, SqlExecutor>, options: { deadLetterWritten?: boolean; breaker?: FakeBreaker } = {}) {
  const registry = new HandlerRegistry();
  registry.add(noted, handler);
  const deadLetters: DeadLetterFailure[] = [];
  const settled: [string, DeliveryOutcome][] = [];
  const transactions = { begun: 0 };
  // Every event is new to the inbox: a claim of several ids returns them all.
  const tx: SqlExecutor = {
    $executeRawUnsafe: async () => 1,
    $queryRawUnsafe: async <T>(_sql: string, _group: unknown, ids: unknown) => (ids as string[]).map((event_id) => ({ event_id })) as T,
  };
  const processor = new EventProcessor({
    groupId: 'g',
    registry,
    database: { $transaction: (fn) => (transactions.begun++, fn(tx)) },
    deadLetters: {
      publish: async (_delivery: unknown, failure: DeadLetterFailure) => (deadLetters.push(failure), options.deadLetterWritten ?? true),
      topicFor: (topic: string) => `${topic}.dlq.g`,
    } as unknown as DeadLetterPublisher,
    gate: new BreakerGate(options.breaker ? [options.breaker] : []),
    observer: { settled: ({ message }, outcome) => void settled.push([message.offset, outcome]) },
    logger: silent,
    retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 2 },
    transaction: { timeoutMs: 1_000 },
  });
  return { processor, deadLetters, settled, transactions };
}

describe('EventProcessor', () => {
  const running = new AbortController().signal;

  it('does not let the partition move on when the dead letter cannot be written', async () => {
    const failing = processorFor(async () => Promise.reject(new Error('boom')), { deadLetterWritten: false });
    expect(await failing.processor.process(delivery(), heartbeat, running)).toEqual({ done: false, because: 'dead-letter-not-written' });
    expect(failing.deadLetters).toEqual([{ reason: 'handler-failed', error: 'boom', attempts: 2 }]);

    const invalid = processorFor(async () => undefined, { deadLetterWritten: false });
    expect(await invalid.processor.process(delivery('{'), heartbeat, running)).toEqual({ done: false, because: 'dead-letter-not-written' });
  });

  it('neither counts nor dead-letters a try an open breaker refused: the message comes back after the pause', async () => {
    const breaker = new FakeBreaker();
    const attempts: number[] = [];
    const { processor, deadLetters } = processorFor(
      async (_data, { attempt }) => {
        attempts.push(attempt);
        breaker.opened = true;
        throw new Error('ECONNREFUSED');
      },
      { breaker },
    );
    expect(await processor.process(delivery(), heartbeat, running)).toEqual({ done: false, because: 'breaker-open' });
    expect(attempts).toEqual([1]);
    expect(deadLetters).toEqual([]);
  });

  it("waits, uncounted, while a half-open breaker refuses calls during another event's trial", async () => {
    const attempts: number[] = [];
    const { processor, deadLetters } = processorFor(
      async (_data, { attempt }) => {
        attempts.push(attempt);
        if (attempts.length <= 3) throw breakerRefusal();
      },
      { breaker: new FakeBreaker() },
    );
    expect(await processor.process(delivery(), heartbeat, running)).toEqual({ done: true });
    expect(attempts).toEqual([1, 1, 1, 1]);
    expect(deadLetters).toEqual([]);
  });

  it('keeps trying, uncounted and never dead-lettered, while the dependency is unavailable (more tries than the policy allows)', async () => {
    const attempts: number[] = [];
    const { processor, deadLetters } = processorFor(async (_data, { attempt }) => {
      attempts.push(attempt);
      // Wrapped, as a transaction or a wrapper may do: found through the cause chain.
      if (attempts.length <= 4) throw new Error('send failed', { cause: new DependencyUnavailableError('SMTP down') });
    });
    expect(await processor.process(delivery(), heartbeat, running)).toEqual({ done: true });
    expect(attempts).toEqual([1, 1, 1, 1, 1]);
    expect(deadLetters).toEqual([]);
  });

  it('keeps trying, uncounted, while its own database is down or restarting, instead of dead-lettering the event', async () => {
    const attempts: number[] = [];
    const { processor, deadLetters } = processorFor(async (_data, { attempt }) => {
      attempts.push(attempt);
      if (attempts.length === 1) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55432'), { code: 'ECONNREFUSED' });
      if (attempts.length === 2) throw Object.assign(new Error('the database system is starting up'), { code: '57P03' });
      if (attempts.length === 3) throw new Error('Client has encountered a connection error and is not queryable');
    });
    expect(await processor.process(delivery(), heartbeat, running)).toEqual({ done: true });
    expect(attempts).toEqual([1, 1, 1, 1]);
    expect(deadLetters).toEqual([]);
  });

  it('takes a breaker that timed out waiting for the dependency as the dependency being unavailable', async () => {
    const hanging = new CircuitBreaker(() => new Promise<never>(() => {}), { timeout: 5 });
    const attempts: number[] = [];
    const { processor, deadLetters } = processorFor(async (_data, { attempt }) => {
      attempts.push(attempt);
      if (attempts.length <= 3) await hanging.fire();
    });
    expect(await processor.process(delivery(), heartbeat, running)).toEqual({ done: true });
    expect(attempts).toEqual([1, 1, 1, 1]);
    expect(deadLetters).toEqual([]);
    hanging.shutdown();
  });

  it("waits at least the dependency's Retry-After before the next try", async () => {
    const triedAt: number[] = [];
    const { processor } = processorFor(async () => {
      triedAt.push(performance.now());
      if (triedAt.length === 1) throw new DependencyUnavailableError('429', { retryAfterMs: 150 });
    });
    await processor.process(delivery(), heartbeat, running);
    expect(triedAt[1]! - triedAt[0]!).toBeGreaterThanOrEqual(149);
  });

  it('dead-letters an unprocessable event at once, naming the reason, without retrying', async () => {
    const attempts: number[] = [];
    const { processor, deadLetters } = processorFor(async (_data, { attempt }) => {
      attempts.push(attempt);
      throw new UnprocessableEventError('recipient refused: 550 no such user');
    });
    expect(await processor.process(delivery(), heartbeat, running)).toEqual({ done: true });
    expect(attempts).toEqual([1]);
    expect(deadLetters).toEqual([
      { reason: 'unprocessable', error: 'UnprocessableEventError: recipient refused: 550 no such user', attempts: 1 },
    ]);
  });

  describe('processTogether', () => {
    const event = (n: number) => delivery(JSON.stringify({ orderId: `o-${n}` }), `e-${n}`, String(n));

    it('handles the events in one transaction, in order, and settles each once it commits', async () => {
      const handled: string[] = [];
      const { processor, settled, transactions } = processorFor(async ({ orderId }) => void handled.push(orderId));
      let heartbeats = 0;
      expect(await processor.processTogether([[event(1), event(2), event(3)]], async () => void heartbeats++)).toEqual([3]);
      expect(handled).toEqual(['o-1', 'o-2', 'o-3']);
      expect(heartbeats).toBe(3); // one after each handler, so a slow batch keeps the group's membership
      expect(transactions.begun).toBe(1);
      expect(settled).toEqual([['1', 'handled'], ['2', 'handled'], ['3', 'handled']]);
    });

    it('stops before an invalid message, which is left to process (and its dead letter)', async () => {
      const { processor, settled, deadLetters } = processorFor(async () => undefined);
      expect(await processor.processTogether([[event(1), event(2), delivery('{', 'e-3', '3'), event(4)]], heartbeat)).toEqual([2]);
      expect(settled.map(([offset]) => offset)).toEqual(['1', '2']);
      expect(deadLetters).toEqual([]);
    });

    it('keeps nothing and settles nothing when a handler throws: the caller goes one at a time', async () => {
      const { processor, settled, deadLetters } = processorFor(async ({ orderId }) => {
        if (orderId === 'o-2') throw new Error('boom');
      });
      expect(await processor.processTogether([[event(1), event(2)], [event(3)]], heartbeat)).toEqual([0, 0]);
      expect(settled).toEqual([]);
      expect(deadLetters).toEqual([]);
    });

    it("handles several partitions' runs in one transaction, each stopping at its own invalid message", async () => {
      const handled: string[] = [];
      const { processor, settled, transactions } = processorFor(async ({ orderId }) => void handled.push(orderId));
      const onPartition = (partition: number, d: ReturnType<typeof delivery>) => ({ ...d, partition });
      const runs = [
        [onPartition(0, event(1)), onPartition(0, delivery('{', 'e-2', '2')), onPartition(0, event(3))],
        [onPartition(1, event(4)), onPartition(1, event(5))],
        [onPartition(2, event(6))],
      ];
      expect(await processor.processTogether(runs, heartbeat)).toEqual([1, 2, 1]);
      expect(handled).toEqual(['o-1', 'o-4', 'o-5', 'o-6']);
      expect(transactions.begun).toBe(1);
      expect(settled.map(([offset]) => offset)).toEqual(['1', '4', '5', '6']);
    });

    it('leaves a message that came alone to process, without a transaction', async () => {
      const { processor, transactions } = processorFor(async () => undefined);
      expect(await processor.processTogether([[event(1)]], heartbeat)).toEqual([0]);
      expect(transactions.begun).toBe(0);
    });

    it('leaves a lone event to process', async () => {
      const { processor, transactions } = processorFor(async () => undefined);
      expect(await processor.processTogether([[event(1), delivery('{', 'e-2', '2')]], heartbeat)).toEqual([0]);
      expect(transactions.begun).toBe(0);
    });
  });

  it('gives the message back, undecided, when shutdown cuts a retry wait short', async () => {
    const shutdown = new AbortController();
    const { processor, deadLetters } = processorFor(async () => {
      shutdown.abort();
      throw new Error('boom');
    });
    expect(await processor.process(delivery(), heartbeat, shutdown.signal)).toEqual({ done: false, because: 'stopping' });
    expect(deadLetters).toEqual([]);
  });
});
