import { Logger } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import type { Consumer } from 'kafkajs';
import { deadlineHeader, type InMemoryTracing, ServiceUnavailableError, startInMemoryTracing, withSpan } from '@shop/runtime';
import { infra, uniqueSuffix } from '../support/environment.js';
import { askUntil } from '../support/kafka-request.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { startRequestClient } from './echo-client.js';
import { echoRequests } from './echo-requests.js';
import { startEchoServer } from './echo-server.js';
import { createRequestTopics } from './request-topics.js';

const kafka = testKafka('e2e-request-reply');
const TIMEOUT_MS = 1_000;
/** What a call without an answer may take beyond its timeout on a loaded machine: scheduling, not another wait (a hang is for ever). */
const MARGIN_MS = 3_000;

describe('request-reply over Kafka: RequestClient ↔ @MessagePattern + serveRequest (real Kafka)', () => {
  const suffix = uniqueSuffix();
  const requests = echoRequests(suffix);
  const settings = {
    // Unique, so the client's reply group and the server's request group are this run's alone.
    SERVICE_NAME: `it-rr-${suffix}`,
    PORT: '3199',
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
  };
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  let tracing: InMemoryTracing;
  let deleteTopics: () => Promise<void>;
  let server: Awaited<ReturnType<typeof startEchoServer>>;
  let caller: Awaited<ReturnType<typeof startRequestClient>>;

  beforeAll(async () => {
    // The failures are the point here (a throwing handler, timeouts, an open breaker); the tests assert them.
    Logger.overrideLogger(false);
    Object.assign(process.env, settings);
    tracing = startInMemoryTracing(settings.SERVICE_NAME);
    deleteTopics = await createRequestTopics(kafka, [requests.served, requests.unanswered]);
    server = await startEchoServer(requests.served);
    caller = await startRequestClient([requests.asClientSeesIt, requests.unanswered], TIMEOUT_MS);
  }, 60_000);

  afterAll(async () => {
    await caller?.app.close();
    await server?.app.close();
    await deleteTopics?.();
    await tracing?.shutdown();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('answers a call with the reply value', async () => {
    await expect(caller.client.call(requests.asClientSeesIt, { text: 'hello' })).resolves.toEqual({
      ok: true,
      value: { text: 'hello', servedBy: 'echo-server' },
    });
  });

  it('gives each of many concurrent calls its own reply', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `call-${i}`);
    const replies = await Promise.all(texts.map((text) => caller.client.call(requests.asClientSeesIt, { text })));
    expect(replies).toEqual(texts.map((text) => ({ ok: true, value: { text, servedBy: 'echo-server' } })));
  });

  it('commits the offsets of the requests it served once a second, not after each one', async () => {
    // kafkajs given no commit interval commits after every message: a write to __consumer_offsets per request.
    const [, consumer] = server.app.getMicroservices()[0]!.unwrap<[unknown, Consumer]>();
    let commits = 0;
    const stopCounting = consumer.on(consumer.events.COMMIT_OFFSETS, () => commits++);
    const texts = Array.from({ length: 20 }, (_, i) => `commit-${i}`);
    try {
      await Promise.all(texts.map((text) => caller.client.call(requests.asClientSeesIt, { text })));
    } finally {
      stopCounting();
    }
    expect(server.handled.map(({ text }) => text)).toEqual(expect.arrayContaining(texts));
    // Twenty calls answered within about a second: one or two commits of the interval, not twenty.
    expect(commits).toBeLessThanOrEqual(3);
  });

  it('replies INVALID naming the field when the server refuses the request', async () => {
    await expect(caller.client.call(requests.asClientSeesIt, { text: '' })).resolves.toEqual({
      ok: false,
      error: {
        code: 'INVALID',
        message: expect.stringMatching(/^text: /),
        issues: [{ path: 'text', message: expect.any(String) }],
      },
    });
  });

  it('refuses a request its own contract rejects without sending it', async () => {
    const started = performance.now();
    const reply = await caller.client.call(requests.unanswered, { text: 42 } as unknown as { text: string });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'INVALID', message: expect.stringMatching(/^text: /), issues: [{ path: 'text', message: expect.any(String) }] },
    });
    // Nobody serves that pattern: an answer before the timeout can only be the client's own.
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS / 2);
  });

  it('replies INTERNAL at once when the handler throws, instead of leaving the caller to time out', async () => {
    const started = performance.now();
    await expect(caller.client.call(requests.asClientSeesIt, { text: 'boom' })).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: `${requests.served.pattern} failed` },
    });
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS);
  });

  it('does not serve a request read after its caller’s deadline, and serves the next one', async () => {
    // A request that waited in the topic longer than its caller does (an overloaded or restarting service).
    const late = await askUntil(kafka, requests.served, { text: 'late' }, () => true, deadlineHeader(-1_000));
    expect(late).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: `${requests.served.pattern} was read after its caller stopped waiting` } });
    expect(server.handled.map(({ text }) => text)).not.toContain('late');

    // The client's own requests carry their deadline: when it sent them plus its timeout.
    const sentAt = Date.now();
    await expect(caller.client.call(requests.asClientSeesIt, { text: 'in time' })).resolves.toMatchObject({ ok: true });
    const deadline = Number(server.handled.find(({ text }) => text === 'in time')?.deadline);
    expect(deadline).toBeGreaterThanOrEqual(sentAt + TIMEOUT_MS);
    expect(deadline).toBeLessThanOrEqual(Date.now() + TIMEOUT_MS);
  });

  it('continues the caller’s trace: the SERVER span is a child of the CLIENT span', async () => {
    tracing.reset();
    const traceId = await withSpan('it caller', {}, async (span) => {
      await caller.client.call(requests.asClientSeesIt, { text: 'traced' });
      return span.spanContext().traceId;
    });
    const spans = (await tracing.spans()).filter((span) => span.spanContext().traceId === traceId);
    const client = spans.find((span) => span.kind === SpanKind.CLIENT && span.name === `${requests.served.pattern} request`);
    const handled = spans.find((span) => span.kind === SpanKind.SERVER && span.name === `${requests.served.pattern} handle`);
    expect(client).toBeDefined();
    expect(handled?.parentSpanContext?.spanId).toBe(client!.spanContext().spanId);
  });

  it('throws ServiceUnavailableError once the timeout passes when nobody answers, never hangs', async () => {
    const started = performance.now();
    const error = await caller.client.call(requests.unanswered, { text: 'anyone?' }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toMatch(new RegExp(`^${requests.unanswered.pattern} unavailable: `));
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  it('serves several instances of the same service at once, more than the reply topic has partitions', async () => {
    // Like gateways scaled out, or ./shop up's gateway beside a test's: same SERVICE_NAME, 3 reply partitions.
    const instances = await Promise.all(Array.from({ length: 4 }, () => startRequestClient([requests.asClientSeesIt], TIMEOUT_MS)));
    try {
      const replies = await Promise.all(
        instances.map((instance, i) => instance.client.call(requests.asClientSeesIt, { text: `instance-${i}` })),
      );
      expect(replies).toEqual(instances.map((_, i) => ({ ok: true, value: { text: `instance-${i}`, servedBy: 'echo-server' } })));
    } finally {
      await Promise.all(instances.map((instance) => instance.app.close()));
    }
  });

  it('opens that pattern’s breaker after repeated failures, then fails fast; other patterns are unaffected', async () => {
    const breakerName = `request:${requests.unanswered.pattern}`;
    const failures = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => caller.client.call(requests.unanswered, { text: `anyone-${i}?` })),
    );
    expect(failures.every((result) => result.status === 'rejected' && result.reason instanceof ServiceUnavailableError)).toBe(true);
    expect(caller.breakers.snapshot()[breakerName]).toMatchObject({ state: 'open', stats: { failures: expect.any(Number) } });

    const error = await caller.client.call(requests.unanswered, { text: 'still there?' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    // Refused by the open breaker, not by a timeout: nothing was sent.
    expect((error as Error).message).toMatch(/breaker is open/);
    expect(caller.breakers.snapshot()[breakerName]!.stats.rejects).toBeGreaterThanOrEqual(1);

    expect(caller.breakers.snapshot()[`request:${requests.served.pattern}`]).toMatchObject({ state: 'closed' });
    await expect(caller.client.call(requests.asClientSeesIt, { text: 'still fine' })).resolves.toMatchObject({ ok: true });
  });
});
