// The shop's public HTTP API as the load uses it: plain fetch with a timeout,
// customers with their bearer token, the operator with the demo key.
import { randomUUID } from 'node:crypto';
import { operatorHeaders } from '../../e2e/support/operator-credentials.ts';
import type { CustomerSessions } from './customer-sessions.ts';
import type { PlannedOrder } from './order-mix.ts';

/** Longer than the gateway's own timeout (GATEWAY_REQUEST_TIMEOUT_MS, 3 s): the gateway's 503 is what is measured. */
const REQUEST_TIMEOUT_MS = 10_000;
const ADDRESS = { name: 'Ada Lovelace', line1: '12 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export interface Product {
  sku: string;
  stock: number;
}

export class ShopApi {
  readonly gatewayUrl: string;
  private readonly sessions: CustomerSessions;

  constructor(gatewayUrl: string, sessions: CustomerSessions) {
    this.gatewayUrl = gatewayUrl;
    this.sessions = sessions;
  }

  /** POST /orders as the planned order's customer, with an idempotency key of its own. */
  placeOrder({ customerId, items }: PlannedOrder): Promise<Answer> {
    return this.call('POST', '/orders', this.sessions.authorization(customerId), {
      body: { email: `${customerId}@example.com`, items, shippingAddress: ADDRESS },
      headers: { 'Idempotency-Key': randomUUID() },
    });
  }

  cancelOrder(customerId: string, orderId: string): Promise<Answer> {
    return this.call('POST', `/orders/${orderId}/cancel`, this.sessions.authorization(customerId), { body: { reason: 'load: changed my mind' } });
  }

  async products(asCustomer: string): Promise<{ products: Product[]; answer: Answer }> {
    const answer = await this.call('GET', '/products', this.sessions.authorization(asCustomer));
    if (answer.status !== 200) throw new Error(`GET /products answered ${answer.status}`);
    return { products: answer.body.products, answer };
  }

  /** The operator's restock: not idempotent, so a failed one is not retried blindly (the next stock reading decides). */
  restock(sku: string, quantity: number): Promise<Answer> {
    return this.call('POST', `/products/${encodeURIComponent(sku)}/restock`, operatorHeaders(), { body: { quantity } });
  }

  private async call(method: string, path: string, credentials: Record<string, string>, { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
    const response = await fetch(this.gatewayUrl + path, {
      method,
      headers: { 'content-type': 'application/json', ...credentials, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }
}
