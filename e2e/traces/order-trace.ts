import { deliverableAddress, type GatewayClient } from '../support/gateway-client.js';
import { addProduct } from '../support/inventory-fixtures.js';
import { waitFor } from '../support/wait-for.js';

/** The services one order's trace crosses. */
export const SEVEN_SERVICES = ['email', 'gateway', 'history', 'inventory', 'order', 'shipping', 'slack-notifier'];

/**
 * Places an order as `customerId` (of a product of its own), waits for it to
 * ship and for the gateway's trace view to hold spans of all seven services
 * (the services export their spans in batches: the trace fills in over a few
 * seconds), and gives its trace id and that view.
 */
export async function shippedOrderTrace(gateway: GatewayClient, customerId: string, sku: string): Promise<{ traceId: string; view: any }> {
  await addProduct(sku, 3, 1_250);
  const placed = await gateway.placeOrder({ customerId, email: `${customerId}@example.com`, items: [{ sku, quantity: 1 }], shippingAddress: deliverableAddress });
  if (placed.status !== 202) throw new Error(`placing an order: ${placed.status} ${JSON.stringify(placed.body)}`);
  const traceId: string = placed.body.traceId;
  await gateway.statusReaches(placed.body.orderId, 'SHIPPED');
  const view = await waitFor('the trace view to hold spans of all seven services', async () => {
    const answer = await gateway.request('GET', `/traces/${traceId}/spans`, undefined, {}, customerId);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw new Error(`GET /traces/${traceId}/spans: ${answer.status} ${JSON.stringify(answer.body)}`);
    const services = answer.body.services.map((service: { name: string }) => service.name);
    return SEVEN_SERVICES.every((name) => services.includes(name)) ? answer.body : undefined;
  }, { timeoutMs: 40_000, intervalMs: 500 });
  return { traceId, view };
}
