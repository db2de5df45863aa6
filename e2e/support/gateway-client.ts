import { randomUUID } from 'node:crypto';
// Imports by their .ts names: ./shop smoke (e2e/smoke) runs this with Node as it is.
import { signedIn } from './demo-sign-in.ts';
import { operatorHeaders } from './operator-credentials.ts';
import { waitFor } from './wait-for.ts';

/** An order as a test thinks of it: by whom (the customer the client signs in as) and what. */
export interface PlaceOrderBody {
  customerId: string;
  email: string;
  items: { sku: string; quantity: number }[];
  shippingAddress: { name: string; line1: string; city: string; postalCode: string; country: string };
}

export const deliverableAddress = { name: 'Ada Lovelace', line1: '12 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

export interface GatewayResponse {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * The shop's HTTP API as a test uses it: plain fetch, status and JSON body,
 * signed in as the customer concerned (the demo sign-in): an order's calls as
 * the customer who placed it through this client.
 */
export class GatewayClient {
  private readonly customerOfOrder = new Map<string, string>();
  private readonly baseUrl: string;

  // No parameter property: Node's type stripping (./shop smoke) refuses them.
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** As customer `as` (none: without credentials). */
  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, as?: string): Promise<GatewayResponse> {
    const authorization = as === undefined ? {} : await signedIn(this.baseUrl, as);
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json', ...authorization, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  /** Placed by `body.customerId` (signed in as them; the body sent has no customer, the token says who). */
  async placeOrder({ customerId, ...body }: PlaceOrderBody, idempotencyKey: string = randomUUID()): Promise<GatewayResponse> {
    const response = await this.request('POST', '/orders', body, { 'Idempotency-Key': idempotencyKey }, customerId);
    if (response.status === 202) this.customerOfOrder.set(response.body.orderId, customerId);
    return response;
  }

  getOrder(orderId: string, as = this.customerOf(orderId)): Promise<GatewayResponse> {
    return this.request('GET', `/orders/${orderId}`, undefined, {}, as);
  }

  cancelOrder(orderId: string, reason = 'changed my mind', as = this.customerOf(orderId)): Promise<GatewayResponse> {
    return this.request('POST', `/orders/${orderId}/cancel`, { reason }, {}, as);
  }

  customerOrders(customerId: string, as = customerId): Promise<GatewayResponse> {
    return this.request('GET', `/customers/${customerId}/orders`, undefined, {}, as);
  }

  timeline(orderId: string, as = this.customerOf(orderId)): Promise<GatewayResponse> {
    return this.request('GET', `/orders/${orderId}/timeline`, undefined, {}, as);
  }

  /** Who placed it through this client; for an order it did not place, a customer who has none. */
  private customerOf(orderId: string): string {
    return this.customerOfOrder.get(orderId) ?? 'e2e-no-orders';
  }

  products(as = 'e2e-shopper'): Promise<GatewayResponse> {
    return this.request('GET', '/products', undefined, {}, as);
  }

  /** An operator's restock (with the operator's credentials, operatorHeaders). */
  restock(sku: string, quantity: number): Promise<GatewayResponse> {
    return this.request('POST', `/products/${encodeURIComponent(sku)}/restock`, { quantity }, operatorHeaders());
  }

  productTimeline(sku: string): Promise<GatewayResponse> {
    return this.request('GET', `/products/${encodeURIComponent(sku)}/timeline`, undefined, operatorHeaders());
  }

  /** Waits until GET /orders/:id says `status`, and returns the order. */
  statusReaches(orderId: string, status: string, timeoutMs = 30_000) {
    return waitFor(`order ${orderId} to be ${status}`, async () => {
      const { body } = await this.getOrder(orderId);
      return body?.status === status ? body : undefined;
    }, { timeoutMs, intervalMs: 200 });
  }
}
