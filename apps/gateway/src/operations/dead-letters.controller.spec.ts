import type { INestApplication } from '@nestjs/common';
import { DeadLetterReadTimeoutError, NoDeadLetterTopicError, PastDeduplicationWindowError, ReplayInProgressError } from '@shop/runtime';
import { ACCESS_METADATA } from '../auth/access.js';
import { FakeDeadLetterOperations } from '../testing/fake-dead-letter-operations.js';
import { FakeRequestClient } from '../testing/fake-request-client.js';
import { startTestApi } from '../testing/start-test-api.js';
import { DeadLettersController } from './dead-letters.controller.js';
import { DEMO_OPERATOR_KEY } from '../auth/demo-credentials.js';

describe('dead-letter operations (Kafka faked)', () => {
  const deadLetters = new FakeDeadLetterOperations();
  let app: INestApplication;
  let url: string;
  const page = {
    topic: 'shop.order.events',
    groupId: 'inventory',
    deadLetterTopic: 'shop.order.events.dlq.inventory',
    total: 3,
    pending: 2,
    deadLetters: [{ partition: 0, offset: '4', eventId: 'e-1', type: 'shop.order.placed.v1', reason: 'handler-failed', replayed: false }],
    next: '0:4',
  };

  const http = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url + path, { method, headers: { 'content-type': 'application/json', 'X-Api-Key': DEMO_OPERATOR_KEY }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => ({ app, url } = await startTestApi(new FakeRequestClient(), { deadLetters })));
  afterAll(() => app.close());
  beforeEach(() => deadLetters.reset());

  it('are for operators', () => {
    expect(Reflect.getMetadata(ACCESS_METADATA, DeadLettersController.prototype.list)).toBe('operator');
    expect(Reflect.getMetadata(ACCESS_METADATA, DeadLettersController.prototype.replay)).toBe('operator');
  });

  it('lists a page of a group’s dead letters of a topic, 20 by default, after a position when asked', async () => {
    deadLetters.listed = async () => page;
    const { groupId: _groupId, ...rest } = page;
    await expect(http('GET', '/operations/dead-letters/shop.order.events/inventory')).resolves.toMatchObject({ status: 200, body: { ...rest, group: 'inventory' } });
    await http('GET', '/operations/dead-letters/shop.order.events/inventory?limit=100&after=0:4');
    expect(deadLetters.calls).toEqual([
      { operation: 'list', topic: 'shop.order.events', groupId: 'inventory', options: { limit: 20 } },
      { operation: 'list', topic: 'shop.order.events', groupId: 'inventory', options: { limit: 100, after: { partition: 0, offset: 4n } } },
    ]);
  });

  it('answers 400 for a topic that is not an event topic of the shop, a malformed group, limit or position, touching no Kafka', async () => {
    const cases: [string, string[]][] = [
      ['/operations/dead-letters/shop.order.place/inventory', ['topic']],
      ['/operations/dead-letters/shop.order.events.dlq.inventory/inventory', ['topic']],
      ['/operations/dead-letters/shop.order.events/in%20ventory', ['group']],
      [`/operations/dead-letters/shop.order.events/${'g'.repeat(201)}`, ['group']],
      ['/operations/dead-letters/shop.order.events/inventory?limit=0', ['limit']],
      ['/operations/dead-letters/shop.order.events/inventory?limit=101', ['limit']],
      ['/operations/dead-letters/shop.order.events/inventory?limit=ten', ['limit']],
      ['/operations/dead-letters/shop.order.events/inventory?after=4', ['after']],
      ['/operations/dead-letters/nope/.bad?after=x', ['topic', 'group', 'after']],
    ];
    for (const [path, fields] of cases) {
      const response = await http('GET', path);
      expect([path, response.status, (response.body.errors as { field: string }[]).map(({ field }) => field)]).toEqual([path, 400, fields]);
    }
    expect(deadLetters.calls).toEqual([]);
  });

  it('replays: every dead letter not replayed yet, or only some reasons, or counts them (dry run)', async () => {
    deadLetters.replayed = async () => ({ replayed: 2, skipped: 1 });
    await expect(http('POST', '/operations/dead-letters/shop.shipping.events/order/replay')).resolves.toMatchObject({
      status: 200,
      body: { topic: 'shop.shipping.events', group: 'order', deadLetterTopic: 'shop.shipping.events.dlq.order', dryRun: false, replayed: 2, skipped: 1 },
    });
    await http('POST', '/operations/dead-letters/shop.shipping.events/order/replay', { dryRun: true, reasons: ['handler-failed'] });
    await http('POST', '/operations/dead-letters/shop.shipping.events/order/replay', { pastWindow: true });
    expect(deadLetters.calls.map(({ options }) => options)).toEqual([
      { dryRun: false, pastWindow: false },
      { dryRun: true, pastWindow: false, reasons: ['handler-failed'] },
      { dryRun: false, pastWindow: true },
    ]);
    const refused = await http('POST', '/operations/dead-letters/shop.shipping.events/order/replay', { dryRun: 'yes', reasons: ['bored'] });
    expect(refused.body.errors).toEqual([
      { field: 'dryRun', message: expect.any(String) },
      { field: 'reasons.0', message: expect.any(String) },
    ]);
    expect(deadLetters.calls).toHaveLength(3);
  });

  it('answers 404 for a group without dead letters of the topic, 409 for a replay already running or past the deduplication window, 503 when Kafka does not answer', async () => {
    deadLetters.listed = async () => Promise.reject(new NoDeadLetterTopicError('shop.order.events.dlq.nobody'));
    await expect(http('GET', '/operations/dead-letters/shop.order.events/nobody')).resolves.toMatchObject({
      status: 404,
      body: { detail: expect.stringMatching(/^the consumer group nobody has no dead letters of shop\.order\.events/) },
    });
    deadLetters.replayed = async () => Promise.reject(new ReplayInProgressError('a replay is running already'));
    await expect(http('POST', '/operations/dead-letters/shop.order.events/inventory/replay')).resolves.toMatchObject({ status: 409 });
    deadLetters.replayed = async () => Promise.reject(new PastDeduplicationWindowError('the dead letters include an event older than the window'));
    await expect(http('POST', '/operations/dead-letters/shop.order.events/inventory/replay')).resolves.toMatchObject({
      status: 409,
      body: { detail: expect.stringMatching(/older than the window/) },
    });
    deadLetters.listed = async () => Promise.reject(new DeadLetterReadTimeoutError('reading took over 10000 ms'));
    const slow = await http('GET', '/operations/dead-letters/shop.order.events/inventory');
    expect([slow.status, slow.headers.get('retry-after')]).toEqual([503, '5']);
    deadLetters.reset(); // no answer: kafkajs's connection error
    await expect(http('POST', '/operations/dead-letters/shop.order.events/inventory/replay')).resolves.toMatchObject({ status: 503 });
  });
});
