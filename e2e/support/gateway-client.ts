import { randomUUID } from 'node:crypto';
import { operatorHeaders } from './operator-credentials.js';
import { waitFor } from './wait-for.js';

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

/** The shop's HTTP API as a test uses it: plain fetch, status and JSON body. */
export class GatewayClient {
  constructor(private readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<GatewayResponse> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  placeOrder(body: PlaceOrderBody, idempotencyKey: string = randomUUID()): Promise<GatewayResponse> {
    return this.request('POST', '/orders', body, { 'Idempotency-Key': idempotencyKey });
  }

  getOrder(orderId: string): Promise<GatewayResponse> {
    return this.request('GET', `/orders/${orderId}`);
  }

  cancelOrder(orderId: string, reason = 'changed my mind'): Promise<GatewayResponse> {
    return this.request('POST', `/orders/${orderId}/cancel`, { reason });
  }

  customerOrders(customerId: string): Promise<GatewayResponse> {
    return this.request('GET', `/customers/${customerId}/orders`);
  }

  timeline(orderId: string): Promise<GatewayResponse> {
    return this.request('GET', `/orders/${orderId}/timeline`);
  }

  products(): Promise<GatewayResponse> {
    return this.request('GET', '/products');
  }

  /** An operator's restock (operatorHeaders: the operator's credentials once the gateway asks for them). */
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
