import { randomUUID } from 'node:crypto';
import { testKafka } from '../support/kafka-test-topics.js';
import { http, startIsolatedGateway, validOrder } from './isolated-gateway.js';

const kafka = testKafka('e2e-gateway-unavailable');
const TIMEOUT_MS = 1_000;
/** HTTP and scheduling on top of the timeout; never a second wait. */
const MARGIN_MS = 700;

describe('gateway when the order service does not answer (the built gateway as a process)', () => {
  let isolated: Awaited<ReturnType<typeof startIsolatedGateway>>;
  const placeOrder = () =>
    http(`${isolated.gateway.url}/orders`, {
      method: 'POST',
      body: validOrder('ada'),
      headers: { 'Idempotency-Key': randomUUID() },
      as: 'ada',
    });

  beforeAll(async () => {
    isolated = await startIsolatedGateway(kafka, 3181, { GATEWAY_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) });
  }, 60_000);
  afterAll(() => isolated?.stop());

  it('answers 503 with Retry-After once the request timeout passes, never hanging', async () => {
    const response = await placeOrder();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: '/problems/service-unavailable',
      status: 503,
      detail: `the order service did not answer in time (${isolated.requests.placeOrder.pattern})`,
      traceId: response.headers.get('x-trace-id'),
    });
    expect(response.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(response.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  it('opens the breaker after repeated failures: then 503 at once, and /health lists it open while staying ready', async () => {
    const failures = await Promise.all(Array.from({ length: 5 }, () => placeOrder()));
    expect(failures.map((response) => response.status)).toEqual(Array(5).fill(503));

    const fast = await placeOrder();
    expect(fast.status).toBe(503);
    expect(fast.ms).toBeLessThan(TIMEOUT_MS / 4);
    expect(fast.headers.get('retry-after')).toBe('10');
    expect(fast.body.detail).toMatch(/^the order service failed repeatedly/);

    const health = await http(`${isolated.gateway.url}/health`);
    expect(health.status).toBe(200);
    const breakerName = `request:${isolated.requests.placeOrder.pattern}`;
    expect(health.body.breakers[breakerName]).toMatchObject({ state: 'open', stats: { rejects: expect.any(Number) } });
    expect(health.body.breakers[breakerName].stats.failures).toBeGreaterThanOrEqual(5);
    // One breaker per call: the others stay closed.
    expect(health.body.breakers[`request:${isolated.requests.getOrder.pattern}`]).toMatchObject({ state: 'closed' });
  });
});
