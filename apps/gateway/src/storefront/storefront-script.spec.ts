import { Requests } from '@shop/event-contracts';
import { loadBrowserScript } from '../testing/browser-script.js';
import { DEMO_CUSTOMER } from './storefront-page.js';

/** The script's pure part, run as the browser runs it (a classic script) in a fresh realm without a document. */
const { source: STOREFRONT_SCRIPT, api: storefront } = loadBrowserScript('storefront.js', 'Storefront');

describe('the storefront script', () => {
  it('touches the page only through text and properties, never HTML parsing', () => {
    expect(STOREFRONT_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    expect(STOREFRONT_SCRIPT).not.toMatch(/<\/script/i);
    expect(STOREFRONT_SCRIPT).not.toMatch(/https?:\/\/(?!\[)/);
  });

  it('builds the order body the contract accepts from the demo form, picking only quantities that are not 0 or blank', () => {
    const items = storefront.orderItems!([
      { sku: 'MUG', value: '2' },
      { sku: 'TEE', value: '0' },
      { sku: 'CAP', value: ' ' },
      { sku: 'PEN', value: '-1' },
    ]);
    expect(items).toEqual([
      { sku: 'MUG', quantity: 2 },
      { sku: 'PEN', quantity: -1 },
    ]);
    const body = storefront.orderBody!({ ...DEMO_CUSTOMER, country: ' gb ' }, [{ sku: 'MUG', quantity: 2 }]);
    expect(body).toEqual({
      email: 'ada@example.com',
      items: [{ sku: 'MUG', quantity: 2 }],
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James’s Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
    });
    expect(Requests.placeOrder.parseRequest({ ...body, customerId: 'ada', idempotencyKey: 'k' })).toMatchObject({ success: true });
    expect(storefront.orderBody!({ ...DEMO_CUSTOMER, line2: 'Flat 2' }, []).shippingAddress.line2).toBe('Flat 2');
  });

  it('makes a v4 UUID Idempotency-Key, with randomUUID or without it (outside a secure context)', () => {
    expect(storefront.newIdempotencyKey!({ randomUUID: () => 'from-randomUUID' })).toBe('from-randomUUID');
    const key = storefront.newIdempotencyKey!({ getRandomValues: (bytes: Uint8Array) => bytes.fill(0xff) });
    expect(key).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('links a trace to the gateway’s trace view, and to Jaeger only where there is an http(s) base, and nothing that is not a trace id', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(storefront.traceViewUrl!(traceId)).toBe(`/traces/${traceId}`);
    expect(storefront.traceViewUrl!('../operations')).toBeNull();
    expect(storefront.jaegerTraceUrl!('', traceId)).toBeNull();
    expect(storefront.jaegerTraceUrl!('http://localhost:16686/', traceId)).toBe(`http://localhost:16686/trace/${traceId}`);
    expect(storefront.jaegerTraceUrl!('http://localhost:16686', traceId, 'json')).toBe(`http://localhost:16686/api/traces/${traceId}`);
    expect(storefront.jaegerTraceUrl!('javascript:alert(1)//', traceId)).toBeNull();
    expect(storefront.jaegerTraceUrl!('http://localhost:16686', '../../admin')).toBeNull();
  });

  it('describes a problem readably: title and status, detail, each field (an item named by its sku), the trace', () => {
    const problem = {
      type: '/problems/invalid-request',
      title: 'Invalid request',
      status: 400,
      detail: 'The request has invalid fields; see errors.',
      errors: [
        { field: 'items.1.quantity', message: 'Too small' },
        { field: 'Idempotency-Key', message: 'required' },
      ],
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    };
    expect(storefront.describeProblem!(400, problem, [{ sku: 'MUG' }, { sku: 'TEE' }])).toEqual({
      heading: 'Invalid request (400)',
      detail: 'The request has invalid fields; see errors.',
      errors: ['items.1.quantity (TEE): Too small', 'Idempotency-Key: required'],
      traceId: problem.traceId,
    });
    expect(storefront.describeProblem!(503, { title: 'Service unavailable', detail: 'the order service did not answer in time' })).toMatchObject({
      heading: 'Service unavailable (503)',
      errors: [],
      traceId: null,
    });
    expect(storefront.describeProblem!(502, '<html>Bad Gateway</html>')).toEqual({
      heading: 'Request failed (502)',
      detail: '<html>Bad Gateway</html>',
      errors: [],
      traceId: null,
    });
    expect(storefront.describeProblem!(0, 'Failed to fetch')).toMatchObject({ heading: 'The gateway could not be reached', detail: 'Failed to fetch' });
  });

  it('totals the picked items in their currency, and gives up on mixed currencies', () => {
    const products = [
      { sku: 'MUG', priceCents: 1250, currency: 'EUR' },
      { sku: 'TEE', priceCents: 2000, currency: 'EUR' },
      { sku: 'CAP', priceCents: 900, currency: 'GBP' },
    ];
    expect(storefront.orderTotal!(products, [{ sku: 'MUG', quantity: 2 }, { sku: 'TEE', quantity: 1 }])).toEqual({ cents: 4500, currency: 'EUR' });
    expect(storefront.orderTotal!(products, [{ sku: 'MUG', quantity: 0.5 }])).toBeNull();
    expect(storefront.orderTotal!(products, [{ sku: 'MUG', quantity: 1 }, { sku: 'CAP', quantity: 1 }])).toBeNull();
    expect(storefront.formatMoney!(4500, 'EUR', 'en-GB')).toBe('€45.00');
    expect(storefront.formatMoney!(4500, 'XX1', 'en-GB')).toBe('45.00 XX1');
  });

  describe('follows an order from its stream', () => {
    const event = (type: string, data: unknown) => ({ type, data: JSON.stringify(data), id: '' });
    const entry = (eventId: string, type: string, time: string, summary?: string) =>
      event('entry', { eventId, type: `shop.${type}.v1`, source: '/shop/order', time, ...(summary && { summary }) });
    const follow = (...events: { type: string; data: string; id: string }[]) =>
      events.reduce((state, next) => storefront.applyStreamEvent!(state, next), storefront.newFollow!('o1', 'PENDING'));

    it('takes the status from `status` and `end`, and ends the follow at `end`', () => {
      expect(follow(event('status', { orderId: 'o1', status: 'CONFIRMED' }))).toMatchObject({ status: 'CONFIRMED', ended: false });
      expect(follow(event('end', { orderId: 'o1', status: 'SHIPPED' }))).toMatchObject({ status: 'SHIPPED', ended: true });
    });

    it('keeps entries by time, each event once however often a reconnection sends it', () => {
      const state = follow(
        entry('e2', 'order.confirmed', '2026-11-23T17:00:02.000Z', 'Order confirmed: EUR 25.00'),
        entry('e1', 'order.placed', '2026-11-23T17:00:01.000Z'),
        entry('e2', 'order.confirmed', '2026-11-23T17:00:02.000Z', 'Order confirmed: EUR 25.00'),
        entry('e3', 'inventory.stock-reserved', '2026-11-23T17:00:02.000Z'),
      );
      expect(state.entries.map((e: { eventId: string }) => e.eventId)).toEqual(['e1', 'e2', 'e3']);
      expect(state.entries[0]).toEqual({ eventId: 'e1', type: 'shop.order.placed.v1', time: '2026-11-23T17:00:01.000Z', summary: '' });
    });

    it('ignores what is not the protocol: other events, data that is not JSON, fields of the wrong kind', () => {
      const start = storefront.newFollow!('o1', 'PENDING');
      for (const odd of [
        { type: 'message', data: '{"status":"SHIPPED"}', id: '' },
        { type: 'status', data: 'not json', id: '' },
        event('status', { status: 7 }),
        event('entry', { type: 'shop.order.placed.v1' }),
        event('entry', null),
      ]) {
        expect(storefront.applyStreamEvent!(start, odd)).toEqual(start);
      }
    });

    it('says where the order stands, honestly while history catches up, and why it ended', () => {
      expect(storefront.statusWording!(follow())).toBe('Pending — confirming stock…');
      expect(storefront.timelineWording!(follow())).toBe('No event recorded yet: they appear here as history records them.');
      expect(storefront.statusWording!(follow(event('status', { status: 'CONFIRMED' })))).toBe('Confirmed — stock reserved, preparing the shipment…');
      const rejected = follow(event('status', { status: 'REJECTED' }));
      expect(storefront.statusWording!(rejected)).toBe('Rejected — the inventory could not fill it (the reason comes with its event)');
      const reason = entry('e9', 'order.rejected', '2026-11-23T17:00:03.000Z', 'Order rejected: MUG short (3 requested, 2 available)');
      expect(storefront.statusWording!(storefront.applyStreamEvent!(rejected, reason))).toBe('Rejected — MUG short (3 requested, 2 available)');
      const shipped = follow(
        entry('e1', 'order.placed', '2026-11-23T17:00:01.000Z'),
        entry('e8', 'order.shipped', '2026-11-23T17:00:05.000Z', 'Order shipped with DHL, tracking 123'),
        event('end', { status: 'SHIPPED' }),
      );
      expect(storefront.statusWording!(shipped)).toBe('Shipped — with DHL, tracking 123');
      expect(storefront.timelineWording!(shipped)).toBe('2 events; the order is settled.');
      expect(storefront.timelineWording!(follow(entry('e1', 'order.placed', '2026-11-23T17:00:01.000Z')))).toBe('1 event so far, live.');
    });
  });
});
