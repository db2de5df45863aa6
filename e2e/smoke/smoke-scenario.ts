// The smoke scenario: one customer's order through the whole shop, seen from outside
// only (the gateway's API, Jaeger's query API and Mailpit's API), so that it proves the
// same on a native shop (./shop up) and on the compose demo. Every wait is bounded and
// waits on a condition.
import { randomBytes } from 'node:crypto';
import { signedIn } from '../support/demo-sign-in.ts';
import { SERVICES } from '../support/environment.ts';
import { deliverableAddress, GatewayClient } from '../support/gateway-client.ts';
import { fetchTrace } from '../support/jaeger-traces.ts';
import { MailpitClient } from '../support/mailpit-client.ts';
import { GiveUp, waitFor } from '../support/wait-for.ts';
import { step } from './smoke-step.ts';

export interface SmokeTarget {
  gatewayUrl: string;
  jaegerQueryUrl: string;
  mailpitUrl: string;
  /** How long each waiting step may take. */
  timeoutMs: number;
}

/** The e-mails of an order that ships: placed, confirmed, shipped (apps/email/src/templates). */
const EMAILS_OF_A_SHIPPED_ORDER = 3;
/** The stock given to a product by the operator's restock when the catalog has none left. */
const RESTOCK = 10;

/** Runs every step in order; the first that fails throws SmokeStepFailed naming it. */
export async function runSmoke(target: SmokeTarget, write?: (line: string) => void): Promise<void> {
  const gateway = new GatewayClient(target.gatewayUrl);
  // A customer and an address of this run alone: its order and its e-mails are told apart from any other.
  const customer = `smoke-${randomBytes(4).toString('hex')}`;
  const email = `${customer}@example.com`;
  const poll = { timeoutMs: target.timeoutMs, intervalMs: 250 };

  await step('sign-in', async () => {
    await signedIn(target.gatewayUrl, customer);
    return { value: undefined, detail: `as ${customer} (POST ${target.gatewayUrl}/auth/token)` };
  }, write);

  const sku = await step('product', async () => {
    const answer = await gateway.products(customer);
    if (answer.status !== 200) throw new Error(`GET /products: ${answer.status} ${JSON.stringify(answer.body)}`);
    const products: { sku: string; stock: number }[] = answer.body.products;
    const inStock = products.find((product) => product.stock > 0);
    if (inStock) return { value: inStock.sku, detail: `${inStock.sku}, ${inStock.stock} in stock (of ${products.length} products)` };
    // Every product sold out (a long-lived demo): the operator's restock, as a shopkeeper would.
    const first = products[0];
    if (!first) throw new Error('the catalog is empty');
    const restocked = await gateway.restock(first.sku, RESTOCK);
    if (restocked.status !== 200) throw new Error(`nothing in stock, and POST /products/${first.sku}/restock: ${restocked.status} ${JSON.stringify(restocked.body)}`);
    return { value: first.sku, detail: `${first.sku}, restocked with ${RESTOCK} (nothing was in stock)` };
  }, write);

  const placed = await step('order placed', async () => {
    const answer = await gateway.placeOrder({ customerId: customer, email, items: [{ sku, quantity: 1 }], shippingAddress: deliverableAddress });
    if (answer.status !== 202) throw new Error(`POST /orders: ${answer.status} ${JSON.stringify(answer.body)}`);
    const { orderId, traceId } = answer.body as { orderId: string; traceId: string };
    return { value: { orderId, traceId }, detail: `order ${orderId}, trace ${traceId}` };
  }, write);

  await step('order shipped', async () => {
    const seen: string[] = [];
    await waitFor(`order ${placed.orderId} to be SHIPPED`, async () => {
      const { status, body } = await gateway.getOrder(placed.orderId);
      if (status !== 200) throw new Error(`GET /orders/${placed.orderId}: ${status} ${JSON.stringify(body)}`);
      if (seen.at(-1) !== body.status) seen.push(body.status);
      if (body.status === 'REJECTED' || body.status === 'CANCELLED') throw new GiveUp(`order ${placed.orderId} is ${body.status}: ${JSON.stringify(body)}`);
      // Not there yet: thrown so that a time-out says how far the order got.
      if (body.status !== 'SHIPPED') throw new Error(`${seen.join(' → ')} so far`);
      return true;
    }, poll);
    return { value: undefined, detail: seen.join(' → ') };
  }, write);

  await step('trace', async () => {
    // Spans arrive in batches from each service: wait until every app has exported its part.
    const spans = await waitFor(`trace ${placed.traceId} in Jaeger to hold spans of ${SERVICES.join(', ')}`, async () => {
      const spans = await fetchTrace(placed.traceId, target.jaegerQueryUrl);
      const present = new Set(spans.map((span) => span.service));
      const missing = SERVICES.filter((service) => !present.has(service));
      if (missing.length > 0) throw new Error(`${spans.length} spans so far, none yet from ${missing.join(', ')}`);
      return spans;
    }, poll);
    return { value: undefined, detail: `${spans.length} spans from the ${SERVICES.length} services (${target.jaegerQueryUrl}/api/traces/${placed.traceId})` };
  }, write);

  await step('e-mails', async () => {
    const messages = await new MailpitClient(target.mailpitUrl).waitForMessages(`to:${email}`, { count: EMAILS_OF_A_SHIPPED_ORDER, timeoutMs: target.timeoutMs });
    return { value: undefined, detail: `${messages.length} to ${email}: ${messages.map((message) => `"${message.Subject}"`).reverse().join(', ')}` };
  }, write);
}
