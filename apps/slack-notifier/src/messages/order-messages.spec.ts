import { orderConfirmedMessage, orderRejectedMessage, shipmentFailedMessage } from './order-messages.js';

const orderId = '0b6f3c2e-8a51-4d7e-9c1a-2f4b5d6e7f80';

describe('Slack messages', () => {
  it('a confirmed order: header with the total, the lines, escaped for mrkdwn', () => {
    const { kind, message } = orderConfirmedMessage(
      {
        orderId, customerId: 'c-1', email: 'ada@example.com', currency: 'EUR', totalCents: 2500,
        lines: [{ sku: 'MUG-CERAMIC-350', name: 'Mug <b>&</b> saucer', quantity: 2, unitPriceCents: 1250 }],
        shippingAddress: { name: 'Ada', line1: '1 Road', city: 'London', postalCode: 'SW1', country: 'GB' },
      },
      'e-1',
    );
    expect(kind).toBe('order-confirmed');
    expect(message.text).toContain(orderId);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Order confirmed: €25.00' } });
    expect(JSON.stringify(message.blocks)).toContain('Mug &lt;b&gt;&amp;&lt;/b&gt; saucer');
  });

  it('keeps within Slack\'s limits however long the data', () => {
    const { message } = shipmentFailedMessage({ orderId, shipmentId: 's-1', reason: 'x'.repeat(5_000) }, 'e-1');
    for (const block of message.blocks) {
      if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3_000);
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    }
  });

  it('a rejection names the shortages and the unknown skus', () => {
    const { kind, message } = orderRejectedMessage(
      { orderId, customerId: 'c-1', email: 'a@example.com', reason: 'STOCK_UNAVAILABLE', shortages: [{ sku: 'A-1', requested: 3, available: 0 }], unknownSkus: ['B-2'] },
      'e-2',
    );
    expect(kind).toBe('order-rejected');
    expect(JSON.stringify(message.blocks)).toContain('`A-1`: 3 asked, 0 in stock');
    expect(JSON.stringify(message.blocks)).toContain('`B-2`: not in the catalogue');
  });
});
