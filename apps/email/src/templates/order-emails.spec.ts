import { Events, type OrderConfirmedV1 } from '@shop/event-contracts';
import { orderCancelledEmail, orderConfirmedEmail, orderPlacedEmail, orderRejectedEmail, orderShippedEmail } from './order-emails.js';

const orderId = '0b6f3c2e-8a51-4d7e-9c1a-2f4b5d6e7f80';
const address = { name: 'Ada <Lovelace>', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };
const confirmed: OrderConfirmedV1 = {
  orderId,
  customerId: 'c-1',
  email: 'ada@example.com',
  lines: [
    { sku: 'MUG-CERAMIC-350', name: 'Ceramic mug & saucer', quantity: 2, unitPriceCents: 1250 },
    { sku: 'TEE-ORGANIC-M', name: 'Organic tee', quantity: 1, unitPriceCents: 2000 },
  ],
  currency: 'EUR',
  totalCents: 4500,
  shippingAddress: address,
};

describe('order e-mails', () => {
  it('the confirmation lists every line with its price and the total, in both bodies', () => {
    expect(Events.orderConfirmedV1.parse(confirmed).success).toBe(true);
    const email = orderConfirmedEmail(confirmed);
    expect(email.subject).toBe('Order 0B6F3C2E confirmed');
    for (const body of [email.text, email.html]) {
      expect(body).toContain('MUG-CERAMIC-350');
      expect(body).toContain('€12.50');
      expect(body).toContain('€25.00');
      expect(body).toContain('€45.00');
    }
  });

  it('escapes what comes from the order in the HTML body, and only there', () => {
    const email = orderConfirmedEmail(confirmed);
    expect(email.html).toContain('Ceramic mug &#38; saucer');
    expect(email.html).toContain('Ada &#60;Lovelace&#62;');
    expect(email.html).not.toContain('<Lovelace>');
    expect(email.text).toContain('Ceramic mug & saucer');
  });

  it('the receipt lists what was asked for, before prices exist', () => {
    const email = orderPlacedEmail({ orderId, customerId: 'c-1', email: 'ada@example.com', items: [{ sku: 'MUG-CERAMIC-350', quantity: 2 }], shippingAddress: address });
    expect(email.template).toBe('order-placed');
    expect(email.text).toContain('2 × MUG-CERAMIC-350');
    expect(email.html).toContain('<li>2 × MUG-CERAMIC-350</li>');
  });

  it('the rejection names every shortage and unknown sku', () => {
    const email = orderRejectedEmail({
      orderId, customerId: 'c-1', email: 'ada@example.com', reason: 'STOCK_UNAVAILABLE',
      shortages: [{ sku: 'MUG-CERAMIC-350', requested: 5, available: 1 }], unknownSkus: ['NOPE-1'],
    });
    expect(email.text).toContain('MUG-CERAMIC-350: 5 asked, 1 in stock');
    expect(email.text).toContain('NOPE-1: not in our catalogue');
  });

  it('shipped and cancelled show the confirmed lines when the order was priced, and read well without', () => {
    const shipped = { orderId, customerId: 'c-1', email: 'ada@example.com', shipmentId: 's-1', carrier: 'DHL', trackingNumber: 'JD0001', shippingAddress: address };
    expect(orderShippedEmail(shipped, confirmed).text).toContain('€45.00');
    expect(orderShippedEmail(shipped, undefined).text).toContain('tracking number JD0001');
    const cancelled = { orderId, customerId: 'c-1', email: 'ada@example.com', reason: 'changed my mind', requestedBy: 'customer' as const, previousStatus: 'PENDING' as const };
    expect(orderCancelledEmail(cancelled).text).toContain('cancelled as you asked: changed my mind');
    expect(orderCancelledEmail(cancelled).text).not.toContain('Total');
  });
});
