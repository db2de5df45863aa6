import { withServiceDatabase } from '../support/service-database.js';
import type { FuzzAnswer } from './fuzz-answer.js';
import type { FuzzRequest } from './fuzz-requests.js';

interface PlaceAttempt {
  idempotencyKey: string;
  status: number;
  orderId?: string;
}

/**
 * What the run's writing requests left in the order service's database: an
 * order and its order.placed event for each order placed (202), and nothing for
 * a refused one; a cancellation by the customer only where a cancel got a 202.
 * Every Idempotency-Key the run sends starts with its id, so its orders are
 * found by key whatever else runs beside it.
 */
export class RefusedWrites {
  private readonly placed: PlaceAttempt[] = [];
  private readonly cancels: { orderId: string; status: number }[] = [];

  /** `customerId`: whom the run signs in as, so whose every order it places is. */
  constructor(
    private readonly keyPrefix: string,
    private readonly customerId: string,
  ) {}

  record(request: FuzzRequest, answer: FuzzAnswer): void {
    if (!request.writes) return;
    if ('placeOrder' in request.writes) {
      const orderId = answer.status === 202 ? (JSON.parse(answer.text) as { orderId: string }).orderId : undefined;
      this.placed.push({ ...request.writes.placeOrder, status: answer.status, ...(orderId && { orderId }) });
    } else {
      this.cancels.push({ orderId: request.writes.cancelOrder.orderId, status: answer.status });
    }
  }

  /** The orders placed (202), to aim reads and cancels at and to wait for. */
  get acceptedOrderIds(): string[] {
    return this.placed.flatMap((attempt) => (attempt.orderId ? [attempt.orderId] : []));
  }

  get refusedCount(): number {
    return this.placed.filter((attempt) => attempt.status !== 202).length + this.cancels.filter((cancel) => cancel.status !== 202).length;
  }

  /** Everything written that should not have been, or missing that should have, as sentences. */
  async problems(): Promise<string[]> {
    return withServiceDatabase('order', async (client) => {
      const problems: string[] = [];
      const { rows: orders } = await client.query<{ id: string; customerId: string; idempotencyKey: string }>(
        'SELECT id, "customerId", "idempotencyKey" FROM "Order" WHERE starts_with("idempotencyKey", $1)',
        [this.keyPrefix],
      );
      const accepted = new Map(this.placed.filter((attempt) => attempt.orderId).map((attempt) => [attempt.idempotencyKey, attempt]));
      for (const order of orders) {
        const attempt = accepted.get(order.idempotencyKey);
        if (!attempt) problems.push(`order ${order.id} was written for a refused request (key ${order.idempotencyKey})`);
        else if (attempt.orderId !== order.id || order.customerId !== this.customerId) problems.push(`order ${order.id} is not the one answered for key ${order.idempotencyKey}`);
      }
      const written = new Set(orders.map((order) => order.id));
      for (const orderId of this.acceptedOrderIds) if (!written.has(orderId)) problems.push(`order ${orderId} was answered 202 but not written`);

      const { rows: events } = await client.query<{ orderId: string; type: string; requestedBy: string | null }>(
        `SELECT payload->>'orderId' AS "orderId", type, payload->>'requestedBy' AS "requestedBy" FROM outbox WHERE payload->>'orderId' = ANY($1::text[])`,
        [[...written]],
      );
      const placedEvents = events.filter((event) => event.type === 'shop.order.placed.v1');
      if (placedEvents.length !== written.size) problems.push(`${placedEvents.length} order.placed events for ${written.size} orders`);
      const cancelledByCustomer = new Set(this.cancels.filter((cancel) => cancel.status === 202).map((cancel) => cancel.orderId));
      for (const event of events) {
        if (event.type === 'shop.order.cancelled.v1' && event.requestedBy === 'customer' && !cancelledByCustomer.has(event.orderId)) {
          problems.push(`order ${event.orderId} was cancelled by a refused request`);
        }
      }
      return problems;
    });
  }

  /** The run's orders that have not reached a final status yet. */
  async unsettled(): Promise<number> {
    return withServiceDatabase('order', async (client) => {
      const { rows } = await client.query<{ count: string }>(
        `SELECT count(*) FROM "Order" WHERE id = ANY($1::uuid[]) AND status NOT IN ('SHIPPED', 'REJECTED', 'CANCELLED')`,
        [this.acceptedOrderIds],
      );
      return Number(rows[0]!.count);
    });
  }
}
