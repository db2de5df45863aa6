import { randomUUID } from 'node:crypto';
import { infra, uniqueSuffix } from '../support/environment.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { http, startIsolatedGateway, validOrder } from './isolated-gateway.js';
import { startStandInOrderService } from './stand-in-order-service.js';

const kafka = testKafka('e2e-gateway-round-trip');

describe('gateway round trip over Kafka to a stand-in order service (the built gateway as a process)', () => {
  const settings = {
    // Read by serveRequestsOverKafka: the stand-in's request consumer group is this run's alone.
    SERVICE_NAME: `it-order-stand-in-${uniqueSuffix()}`,
    PORT: '3189',
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
  };
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  let isolated: Awaited<ReturnType<typeof startIsolatedGateway>>;
  let standIn: Awaited<ReturnType<typeof startStandInOrderService>>;

  beforeAll(async () => {
    Object.assign(process.env, settings);
    isolated = await startIsolatedGateway(kafka, 3182, { GATEWAY_REQUEST_TIMEOUT_MS: '5000' });
    standIn = await startStandInOrderService(isolated.requests);
  }, 60_000);
  afterAll(async () => {
    await standIn?.app.close();
    await isolated?.stop();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('places an order: 202 with its id, Location and trace id; the service got the key and the trace', async () => {
    const order = validOrder(`cust-${randomUUID()}`);
    const key = randomUUID();
    const response = await http(`${isolated.gateway.url}/orders`, { method: 'POST', body: order, headers: { 'Idempotency-Key': key }, as: order.customerId });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ orderId: expect.any(String), status: 'PENDING', traceId: response.headers.get('x-trace-id') });
    expect(response.headers.get('location')).toBe(`/orders/${response.body.orderId}`);

    expect(standIn.received).toHaveLength(1);
    expect(standIn.received[0]!.request).toEqual({ ...order, idempotencyKey: key });
    expect(String(standIn.received[0]!.headers.traceparent)).toContain(`-${response.body.traceId}-`);

    const read = await http(`${isolated.gateway.url}${response.headers.get('location')}`, { as: order.customerId });
    expect(read).toMatchObject({ status: 200, body: { orderId: response.body.orderId, status: 'PENDING', items: order.items } });
  });

  it('answers 404 problem+json for an order the service does not know', async () => {
    const unknown = randomUUID();
    const response = await http(`${isolated.gateway.url}/orders/${unknown}`, { as: 'anyone' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: '/problems/not-found', status: 404, detail: `no order ${unknown}` });
  });
});
