import { ORDER_EMAILS } from './order-email.handlers.js';

describe('ORDER_EMAILS', () => {
  it('reads the remembered prices for exactly the e-mails whose template shows them', () => {
    // A template that takes the priced order as its second argument shows it; the handler reads it only for those.
    const showing = ORDER_EMAILS.filter((spec) => spec.compose.length === 2).map((spec) => spec.contract.type);
    expect(ORDER_EMAILS.filter((spec) => spec.showsRememberedPrices).map((spec) => spec.contract.type)).toEqual(showing);
    expect(showing).toEqual(['shop.order.cancelled.v1', 'shop.order.shipped.v1']);
  });
});
