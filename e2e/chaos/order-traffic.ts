import { randomUUID } from 'node:crypto';
import type { ChaosProduct } from './chaos-target.js';
import { signedIn } from '../support/demo-sign-in.js';

/** One order as its client saw it. */
export interface ClientOrder {
  n: number;
  customerId: string;
  email: string;
  idempotencyKey: string;
  items: { sku: string; quantity: number }[];
  /** HTTP status of every attempt (0: no answer at all). */
  attempts: number[];
  firstAttemptAt: number;
  acceptedAt?: number;
  orderId?: string;
  /** The client stopped retrying: no 202 within its patience. */
  gaveUp?: boolean;
  /** A 4xx other than 429: the client's own mistake, never retried. */
  refused?: { status: number; body: string };
  /** The client asked to cancel it, and what the gateway answered. */
  cancel?: { attempts: number[]; status?: number };
  /** Two 202s for one Idempotency-Key that named different orders: the shop made a duplicate. */
  otherOrderIds?: string[];
}

export interface TrafficOptions {
  gatewayUrl: string;
  run: string;
  /** Orders placed per second, whatever the answers (open loop). */
  rate: number;
  clients: number;
  products: ChaosProduct[];
  /** Every nth accepted order is cancelled by its client. */
  cancelEvery: number;
  /** How long a client keeps retrying one request. */
  patienceMs: number;
}

/** The longest backoff between two tries, on top of what Retry-After asks. */
const RETRY_CAP_MS = 16_000;

/**
 * Clients placing orders at a steady rate, each retrying with the same
 * Idempotency-Key (exponential backoff with jitter, after what Retry-After
 * asks) on a 5xx, a 429 or no answer, as a well-behaved client does; some
 * cancel what they ordered.
 */
export class OrderTraffic {
  readonly orders: ClientOrder[] = [];
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: TrafficOptions) {}

  start(): void {
    const intervalMs = 1_000 / this.options.rate;
    const startedAt = performance.now();
    const tick = () => {
      this.place(this.orders.length);
      // Scheduled from the start, so a slow event loop does not lower the rate.
      this.timer = setTimeout(tick, Math.max(0, startedAt + this.orders.length * intervalMs - performance.now()));
    };
    tick();
  }

  /** Stops placing new orders and waits for those in flight to be answered or given up. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private place(n: number): void {
    const { run, clients, products } = this.options;
    const client = n % clients;
    // A customer per order: each has a budget of writes per minute (RATE_LIMIT_WRITES, 60 by default) that one
    // order's retries through an outage never exhaust, and the census reads each customer's list whole.
    const customer = `chaos-${run}-c${client}-${n}`;
    // Mostly the plentiful products; now and then the scarce one, so some orders are rejected.
    const lines = [products[n % 2]!, ...(n % 5 === 0 ? [products[2]!] : [])];
    const order: ClientOrder = {
      n,
      customerId: customer,
      email: `chaos-${run}-${n}@example.com`,
      idempotencyKey: randomUUID(),
      items: lines.map((product, i) => ({ sku: product.sku, quantity: 1 + ((n + i) % 3) })),
      attempts: [],
      firstAttemptAt: Date.now(),
    };
    this.orders.push(order);
    const work = this.submit(order).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private async submit(order: ClientOrder): Promise<void> {
    const body = {
      email: order.email,
      items: order.items,
      shippingAddress: { name: 'Chaos Monkey', line1: '1 Fault Lane', city: 'Berlin', postalCode: '10115', country: 'DE' },
    };
    const answer = await this.retrying(order.attempts, () =>
      this.post('/orders', order.customerId, body, { 'Idempotency-Key': order.idempotencyKey }),
    );
    if (answer.kind === 'gave-up') {
      order.gaveUp = true;
      return;
    }
    if (answer.status !== 202) {
      order.refused = { status: answer.status, body: answer.text };
      return;
    }
    const { orderId } = JSON.parse(answer.text) as { orderId: string };
    order.orderId = orderId;
    order.acceptedAt = Date.now();
    if (order.n % this.options.cancelEvery === this.options.cancelEvery - 1) await this.cancel(order);
    await this.askAgain(order, body);
  }

  /** A client that lost the first answer asks again: the same key must name the same order. */
  private async askAgain(order: ClientOrder, body: unknown): Promise<void> {
    if (order.n % 10 !== 3) return;
    const again = await this.retrying([], () => this.post('/orders', order.customerId, body, { 'Idempotency-Key': order.idempotencyKey }));
    if (again.kind === 'answer' && again.status === 202) {
      const { orderId } = JSON.parse(again.text) as { orderId: string };
      if (orderId !== order.orderId) (order.otherOrderIds ??= []).push(orderId);
    }
  }

  private async cancel(order: ClientOrder): Promise<void> {
    order.cancel = { attempts: [] };
    const answer = await this.retrying(order.cancel.attempts, () => this.post(`/orders/${order.orderId}/cancel`, order.customerId, { reason: 'chaos: changed my mind' }));
    if (answer.kind === 'answer') order.cancel.status = answer.status;
  }

  /** Retries a 5xx, a 429 or no answer with backoff until the client's patience runs out. */
  private async retrying(
    attempts: number[],
    send: () => Promise<{ status: number; text: string; retryAfterMs?: number }>,
  ): Promise<{ kind: 'answer'; status: number; text: string } | { kind: 'gave-up' }> {
    const deadline = Date.now() + this.options.patienceMs;
    for (let attempt = 1; ; attempt++) {
      let answer: { status: number; text: string; retryAfterMs?: number };
      try {
        answer = await send();
      } catch {
        answer = { status: 0, text: '' };
      }
      attempts.push(answer.status);
      const retriable = answer.status === 0 || answer.status === 429 || answer.status >= 500;
      if (!retriable) return { kind: 'answer', status: answer.status, text: answer.text };
      // Jittered ("full jitter"): clients refused together (a breaker opened, a replica died, each told the
      // same Retry-After) come back spread out, not as one flood that overloads the shop again.
      const delayMs = (answer.retryAfterMs ?? 0) + Math.random() * Math.min(RETRY_CAP_MS, 500 * 2 ** (attempt - 1));
      // The last try at the end of its patience, not a backoff before it.
      const untilDeadlineMs = deadline - Date.now();
      if (untilDeadlineMs <= 0) return { kind: 'gave-up' };
      await new Promise((resolve) => setTimeout(resolve, Math.min(delayMs, untilDeadlineMs)));
    }
  }

  /** As `customerId` (signed in once; a failed sign-in is a failed attempt). */
  private async post(pathname: string, customerId: string, body: unknown, headers: Record<string, string> = {}) {
    const authorization = await signedIn(this.options.gatewayUrl, customerId);
    const response = await fetch(this.options.gatewayUrl + pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorization, ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const retryAfter = Number(response.headers.get('retry-after'));
    return { status: response.status, text: await response.text(), ...(retryAfter > 0 && { retryAfterMs: retryAfter * 1000 }) };
  }
}
