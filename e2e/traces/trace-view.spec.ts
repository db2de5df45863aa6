import { uniqueSuffix } from '../support/environment.js';
import { GatewayClient } from '../support/gateway-client.js';
import { operatorHeaders } from '../support/operator-credentials.js';
import { ShopSystem } from '../support/shop-system.js';
import { shippedOrderTrace } from './order-trace.js';

// Ports 3670-3676, apart from ./shop up and the other tests. Dispatch is quick, so the order ships soon.
const shop = new ShopSystem(3670, { shipping: { SHIPPING_DISPATCH_DELAY_MS: '300' } });
let gateway: GatewayClient;
const run = uniqueSuffix();

beforeAll(async () => {
  await shop.start();
  gateway = new GatewayClient(shop.gatewayUrl);
}, 90_000);
afterAll(() => shop.stop());

describe('the trace view, through the built gateway and the real Jaeger', () => {
  it('shows an order’s trace across all seven services, to its customer and to an operator', async () => {
    const customerId = `cust-${run}-trace`;
    const { traceId, view } = await shippedOrderTrace(gateway, customerId, `IT-${run}-TRACE`.toUpperCase());
    expect(view.traceId).toBe(traceId);
    const roots = view.spans.filter((span: { parentSpanId: string | null }) => span.parentSpanId === null);
    expect(roots).toEqual([expect.objectContaining({ service: 'gateway', operation: 'POST /orders', startUs: 0 })]);
    expect(view.spans.some((span: { service: string; operation: string }) => span.service === 'email' && span.operation === 'smtp send')).toBe(true);

    const asOperator = await gateway.request('GET', `/traces/${traceId}/spans`, undefined, operatorHeaders());
    expect(asOperator.status).toBe(200);
    // Another customer may read it too: the id is the capability.
    expect((await gateway.request('GET', `/traces/${traceId}/spans`, undefined, {}, `cust-${run}-other`)).status).toBe(200);

    const page = await fetch(`${shop.gatewayUrl}/traces/${traceId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    // Natively there is no Jaeger UI to link to.
    expect(await page.text()).toContain('<meta name="jaeger-ui-url" content="">');
  }, 90_000);

  it('is a 401 without credentials, a 400 for what is not a trace id, a 404 for a trace Jaeger does not have', async () => {
    const unknown = 'e'.repeat(32);
    const anonymous = await gateway.request('GET', `/traces/${unknown}/spans`);
    expect(anonymous.status).toBe(401);
    const bad = await gateway.request('GET', '/traces/not-a-trace/spans', undefined, {}, `cust-${run}-other`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'traceId', message: expect.any(String) }]);
    const missing = await gateway.request('GET', `/traces/${unknown}/spans`, undefined, {}, `cust-${run}-other`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetch(`${shop.gatewayUrl}/traces/NOT-A-TRACE`)).status).toBe(400);
  });
});
