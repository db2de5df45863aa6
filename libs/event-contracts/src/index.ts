export * from './topics.js';
export * from './envelope.js';
export * from './parse-result.js';
export * from './contract.js';

export * from './fields/identifiers.js';
export * from './fields/text.js';
export * from './fields/money.js';
export * from './fields/timestamps.js';
export * from './fields/shipping-address.js';
export * from './fields/order-lines.js';
export * from './fields/order-status.js';
export * from './fields/stock-shortage.js';
export * from './fields/tracking.js';
export * from './fields/restock-quantity.js';

export * from './events/order/order-placed.event.js';
export * from './events/order/order-confirmed.event.js';
export * from './events/order/order-rejected.event.js';
export * from './events/order/order-cancelled.event.js';
export * from './events/order/order-shipped.event.js';
export * from './events/inventory/stock-reserved.event.js';
export * from './events/inventory/stock-reservation-failed.event.js';
export * from './events/inventory/stock-released.event.js';
export * from './events/inventory/stock-replenished.event.js';
export * from './events/shipping/shipment-created.event.js';
export * from './events/shipping/shipment-dispatched.event.js';
export * from './events/shipping/shipment-failed.event.js';
export * from './events/email/email-sent.event.js';
export * from './events/slack/slack-notified.event.js';
export * from './events/catalog.js';
export * from './events/examples.js';
export * from './events/event-list.js';

export * from './timeline/event-descriptions.js';
export * from './timeline/order-status-stages.js';

export * from './requests/request-patterns.js';
export * from './requests/reply.js';
export * from './requests/define-request.js';
export * from './requests/order/place-order.request.js';
export * from './requests/order/order-view.js';
export * from './requests/order/get-order.request.js';
export * from './requests/order/cancel-order.request.js';
export * from './requests/inventory/list-products.request.js';
export * from './requests/inventory/restock.request.js';
export * from './requests/history/get-order-timeline.request.js';
export * from './requests/history/get-customer-orders.request.js';
export * from './requests/history/get-product-timeline.request.js';
export * from './requests/catalog.js';

export * from './json-schemas.js';
export * from './asyncapi.js';
export * from './compatibility.js';
export * from './schema-snapshot.js';
export * from './schema-snapshot-file.js';
