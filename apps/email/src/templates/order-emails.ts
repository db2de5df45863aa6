import type { OrderCancelledV1, OrderConfirmedV1, OrderPlacedV1, OrderRejectedV1, OrderShippedV1 } from '@shop/event-contracts';
import type { EmailContent, PricedOrder } from './email-content.js';
import { html } from './html.js';
import { itemsTable, layout, pricedTable, shortOrderId } from './layout.js';

/** The receipt: what was asked for. Prices come with the confirmation, once the inventory has priced the lines. */
export function orderPlacedEmail(order: OrderPlacedV1): EmailContent {
  const ref = shortOrderId(order.orderId);
  return layout({
    template: 'order-placed',
    subject: `We received your order ${ref}`,
    heading: `Thank you, ${order.shippingAddress.name}`,
    paragraphs: [
      `We received your order ${ref} (${order.orderId}) and are reserving the stock.`,
      'You will get a confirmation with the prices and the total in a moment.',
    ],
    table: itemsTable(order.items),
  });
}

export function orderConfirmedEmail(order: OrderConfirmedV1): EmailContent {
  const ref = shortOrderId(order.orderId);
  const { name, line1, city, postalCode, country } = order.shippingAddress;
  return layout({
    template: 'order-confirmed',
    subject: `Order ${ref} confirmed`,
    heading: 'Your order is confirmed',
    paragraphs: [`Order ${ref} is confirmed and will ship to ${name}, ${line1}, ${postalCode} ${city}, ${country}.`],
    table: pricedTable(order),
  });
}

export function orderRejectedEmail(order: OrderRejectedV1): EmailContent {
  const ref = shortOrderId(order.orderId);
  const missing = [
    ...order.shortages.map((s) => `${s.sku}: ${s.requested} asked, ${s.available} in stock`),
    ...order.unknownSkus.map((sku) => `${sku}: not in our catalogue`),
  ];
  return layout({
    template: 'order-rejected',
    subject: `Order ${ref} could not be accepted`,
    heading: 'We could not accept your order',
    paragraphs: [`We are sorry: order ${ref} could not be filled, and nothing was charged.`],
    table: {
      text: missing.join('\n'),
      html: html`<ul>${missing.map((line) => html`<li>${line}</li>`)}</ul>`,
    },
  });
}

/** `priced` is the order as confirmed, when it was: the cancelled lines and total are shown then. */
export function orderCancelledEmail(order: OrderCancelledV1, priced?: PricedOrder): EmailContent {
  const ref = shortOrderId(order.orderId);
  const who = order.requestedBy === 'customer' ? 'as you asked' : 'because we could not complete it';
  return layout({
    template: 'order-cancelled',
    subject: `Order ${ref} cancelled`,
    heading: 'Your order is cancelled',
    paragraphs: [`Order ${ref} was cancelled ${who}: ${order.reason}.`, 'Nothing will be charged.'],
    ...(priced && { table: pricedTable(priced) }),
  });
}

export function orderShippedEmail(order: OrderShippedV1, priced?: PricedOrder): EmailContent {
  const ref = shortOrderId(order.orderId);
  const follow = order.trackingUrl ? ` Follow it at ${order.trackingUrl}` : '';
  return layout({
    template: 'order-shipped',
    subject: `Order ${ref} is on its way`,
    heading: 'Your order has shipped',
    paragraphs: [`Order ${ref} left with ${order.carrier}, tracking number ${order.trackingNumber}.${follow}`],
    ...(priced && { table: pricedTable(priced) }),
  });
}
