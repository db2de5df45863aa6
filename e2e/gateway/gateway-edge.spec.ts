import { randomUUID } from 'node:crypto';
import { testKafka } from '../support/kafka-test-topics.js';
import { recordRawTopic } from '../support/kafka-topic-probes.js';
import { waitFor } from '../support/wait-for.js';
import { http, startIsolatedGateway, validOrder } from './isolated-gateway.js';

const kafka = testKafka('e2e-gateway-edge');

interface Operation {
  security?: Record<string, string[]>[];
}
interface Document {
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
}

/**
 * Who may call what, and how often, on the built gateway as a process: its
 * own OpenAPI document lists the routes, so a new route is checked here the
 * day it is added. The request topics are this run's alone: what the gateway
 * sends, it sends to nobody (a 503), which is enough to tell "let through"
 * from "refused at the edge".
 */
describe('gateway edge: credentials and budgets (the built gateway as a process)', () => {
  let isolated: Awaited<ReturnType<typeof startIsolatedGateway>>;

  beforeAll(async () => {
    isolated = await startIsolatedGateway(kafka, 3184, { GATEWAY_REQUEST_TIMEOUT_MS: '500', RATE_LIMIT_WRITES: '5', RATE_LIMIT_WINDOW_S: '5' });
  }, 60_000);
  afterAll(() => isolated?.stop());

  it('answers 401 with a challenge, problem+json and a trace id on every route its document says needs credentials', async () => {
    const document = (await http(`${isolated.gateway.url}/openapi.json`)).body as Document;
    const guarded = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => (operation.security ?? document.security).length > 0)
        .map(([method]) => ({ method: method.toUpperCase(), path: path.replaceAll(/\{\w+\}/g, randomUUID()) })),
    );
    expect(guarded.map(({ method }) => method)).toEqual(expect.arrayContaining(['GET', 'POST']));
    for (const { method, path } of guarded) {
      const response = await http(`${isolated.gateway.url}${path}`, { method, headers: { 'Idempotency-Key': randomUUID() }, ...(method === 'POST' && { body: {} }) });
      expect({ route: `${method} ${path}`, status: response.status }).toEqual({ route: `${method} ${path}`, status: 401 });
      expect(response.headers.get('www-authenticate')).toMatch(/^(Bearer|ApiKey) realm="event-shop"/);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('takes the customer of a new order from the token, whatever the body says', async () => {
    const recorder = await recordRawTopic(kafka, isolated.requests.placeOrder.pattern);
    try {
      const response = await http(`${isolated.gateway.url}/orders`, {
        method: 'POST',
        body: validOrder('someone-else'),
        headers: { 'Idempotency-Key': randomUUID() },
        as: 'edge-ada',
      });
      expect(response.status).toBe(503); // nobody serves this run's topics
      const sent = await waitFor('the request on the place-order topic', async () => recorder.received[0]);
      expect(JSON.parse(sent.value!)).toMatchObject({ customerId: 'edge-ada' });
    } finally {
      await recorder.stop();
    }
  });

  it('answers 429 with Retry-After and RateLimit-* past a caller’s budget of writes, and serves again after Retry-After', async () => {
    const customer = `edge-${randomUUID().slice(0, 8)}`;
    // A cancel of a malformed id: answered at once (400) after the budget is counted, so five fit in the window on a
    // slow machine. (The 401s above were counted by address, a budget of their own.)
    const write = (as = customer) => http(`${isolated.gateway.url}/orders/42/cancel`, { method: 'POST', body: {}, as });
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof write>> | undefined;
    for (let i = 0; i < 6 && !refused; i++) {
      const answer = await write();
      statuses.push(answer.status);
      if (answer.status === 429) refused = answer;
      else expect(answer.headers.get('ratelimit-limit')).toBe('5');
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    expect(refused!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused!.body).toMatchObject({ type: '/problems/rate-limited', status: 429 });
    const retryAfter = Number(refused!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused!.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(refused!.headers.get('ratelimit-reset'))).toBe(retryAfter);

    // Another customer is not held back; after Retry-After (the wait the protocol asks for) this one is served again.
    expect((await write(`${customer}-other`)).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1_000));
    expect((await write()).status).toBe(400);
  }, 30_000);
});
