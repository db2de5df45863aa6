import type { OrderStatus } from '@shop/event-contracts';
import { Outbox, type SqlTransaction } from '@shop/runtime';
import { anOrder, pricing, shipment } from '../testing/order-fixtures.js';
import { OrderLifecycle } from './order-lifecycle.service.js';
import type { OrderChanges, OrderRecord } from './order-record.js';
import type { OrderRepository } from './order.repository.js';

/** The orders table, in memory. */
class InMemoryOrders {
  readonly rows = new Map<string, OrderRecord>();
  readonly locked: string[] = [];
  /** Runs before the next locked read: another transaction's change, committed in between. */
  meanwhile?: () => void;

  async findForUpdate(_tx: SqlTransaction, id: string) {
    this.meanwhile?.();
    this.locked.push(id);
    return this.rows.get(id) ?? null;
  }

  async updateIfStatus(tx: SqlTransaction, id: string, status: OrderStatus, changes: OrderChanges) {
    return this.rows.get(id)?.status === status ? this.update(tx, id, changes) : null;
  }

  async update(_tx: SqlTransaction, id: string, changes: OrderChanges) {
    const row = this.rows.get(id)!;
    const updated = { ...row, ...changes, version: row.version + 1 };
    this.rows.set(id, updated);
    return updated;
  }
}

/** A transaction that keeps what the real Outbox writes to it. */
function recordingTx() {
  const events: { topic: string; type: string; headers: Record<string, string>; data: Record<string, unknown> }[] = [];
  const tx = {
    async $executeRawUnsafe(sql: string, ...values: unknown[]) {
      if (sql.includes('INSERT INTO outbox')) {
        // One array a column, one element a row.
        const [, topics, , types, headers, payloads] = values as string[][];
        topics!.forEach((topic, row) =>
          events.push({ topic, type: types![row]!, headers: JSON.parse(headers![row]!), data: JSON.parse(payloads![row]!) }),
        );
      }
      return 1;
    },
    async $queryRawUnsafe() {
      return [];
    },
  };
  return { tx: tx as unknown as SqlTransaction, events };
}

const cause = { id: '11111111-2222-4333-8444-555555555555', correlationId: '99999999-2222-4333-8444-555555555555' };

describe('OrderLifecycle', () => {
  let orders: InMemoryOrders;
  let lifecycle: OrderLifecycle;
  const given = (order: OrderRecord) => orders.rows.set(order.id, order) && order;

  beforeEach(() => {
    orders = new InMemoryOrders();
    lifecycle = new OrderLifecycle(orders as unknown as OrderRepository, new Outbox('/shop/order'));
  });

  it('confirms a PENDING order with its pricing and publishes order.confirmed, caused by the event', async () => {
    const order = given(anOrder());
    const { tx, events } = recordingTx();
    const outcome = await lifecycle.confirm(tx, order.id, pricing, cause);
    expect(outcome).toMatchObject({ kind: 'applied', from: 'PENDING', order: { status: 'CONFIRMED', pricing, version: 1 } });
    // One conditional change, no locked read first: stock-reserved leaves PENDING only.
    expect(orders.locked).toEqual([]);
    expect(events).toEqual([
      {
        topic: 'shop.order.events',
        type: 'shop.order.confirmed.v1',
        headers: expect.objectContaining({ ce_subject: order.id, ce_causationid: cause.id, ce_correlationid: cause.correlationId }),
        data: expect.objectContaining({ orderId: order.id, totalCents: pricing.totalCents, lines: pricing.lines }),
      },
    ]);
  });

  it('refuses stock reserved for a CANCELLED order: nothing stored, nothing published', async () => {
    const order = given(anOrder({ status: 'CANCELLED', statusReason: 'changed my mind' }));
    const { tx, events } = recordingTx();
    const outcome = await lifecycle.confirm(tx, order.id, pricing, cause);
    expect(outcome).toEqual({ kind: 'refused', order, reason: 'only PENDING orders can be confirmed' });
    expect(orders.locked).toEqual([order.id]);
    expect(orders.rows.get(order.id)).toBe(order);
    expect(events).toEqual([]);
  });

  it('applies a transition its conditional change missed when the locked read finds the order moved to where it may start', async () => {
    const order = given(anOrder());
    orders.meanwhile = () => orders.rows.set(order.id, { ...order, status: 'CONFIRMED', pricing });
    const { tx, events } = recordingTx();
    const outcome = await lifecycle.ship(tx, order.id, shipment, cause);
    expect(outcome).toMatchObject({ kind: 'applied', from: 'CONFIRMED', order: { status: 'SHIPPED', shipment } });
    expect(orders.locked).toEqual([order.id]);
    expect(events).toMatchObject([{ type: 'shop.order.shipped.v1' }]);
  });

  it('rejects a PENDING order, saying why, and publishes order.rejected with the full refusal', async () => {
    const order = given(anOrder());
    const refusal = { shortages: [{ sku: 'MUG-01', requested: 2, available: 1 }], unknownSkus: [] };
    const { tx, events } = recordingTx();
    const outcome = await lifecycle.reject(tx, order.id, refusal, cause);
    expect(outcome).toMatchObject({
      kind: 'applied',
      order: { status: 'REJECTED', statusReason: 'not enough stock: MUG-01 (requested 2, available 1)' },
    });
    expect(events).toMatchObject([{ type: 'shop.order.rejected.v1', data: { reason: 'STOCK_UNAVAILABLE', ...refusal } }]);
  });

  it('ships a CONFIRMED order and publishes order.shipped with the tracking', async () => {
    const order = given(anOrder({ status: 'CONFIRMED', pricing }));
    const { tx, events } = recordingTx();
    const outcome = await lifecycle.ship(tx, order.id, shipment, cause);
    expect(outcome).toMatchObject({ kind: 'applied', from: 'CONFIRMED', order: { status: 'SHIPPED', shipment } });
    expect(events).toMatchObject([{ type: 'shop.order.shipped.v1', data: { ...shipment, shippingAddress: order.shippingAddress } }]);
  });

  it.each(['PENDING', 'CONFIRMED'] as const)('cancels a %s order, publishing who asked and the previous status', async (status) => {
    const order = given(anOrder({ status }));
    const { tx, events } = recordingTx();
    const outcome = await lifecycle.cancel(tx, order.id, { reason: 'shipment failed: lost', requestedBy: 'system' }, cause);
    expect(outcome).toMatchObject({ kind: 'applied', order: { status: 'CANCELLED', statusReason: 'shipment failed: lost' } });
    // Cancel leaves either status: the order is read, locked, to know which.
    expect(orders.locked).toEqual([order.id]);
    expect(events).toMatchObject([
      { type: 'shop.order.cancelled.v1', data: { requestedBy: 'system', previousStatus: status, reason: 'shipment failed: lost' } },
    ]);
  });

  it('starts a new correlation for a customer cancel, which no event caused', async () => {
    const order = given(anOrder());
    const { tx, events } = recordingTx();
    await lifecycle.cancel(tx, order.id, { reason: 'changed my mind', requestedBy: 'customer' });
    const headers = events[0]!.headers;
    expect(headers.ce_correlationid).toBe(headers.ce_id);
  });

  it('refuses to cancel a SHIPPED order', async () => {
    const order = given(anOrder({ status: 'SHIPPED' }));
    const { tx, events } = recordingTx();
    const outcome = await lifecycle.cancel(tx, order.id, { reason: 'too late', requestedBy: 'customer' });
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'only PENDING or CONFIRMED orders can be cancelled' });
    expect(events).toEqual([]);
  });

  it('says when there is no such order', async () => {
    const { tx } = recordingTx();
    expect(await lifecycle.ship(tx, '00000000-0000-4000-8000-000000000000', shipment, cause)).toEqual({
      kind: 'not-found',
      orderId: '00000000-0000-4000-8000-000000000000',
    });
  });
});
