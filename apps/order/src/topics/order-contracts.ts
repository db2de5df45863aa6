import { Events, Requests } from '@shop/event-contracts';
import { namespacedEvent, namespacedRequest } from '@shop/runtime';
import { orderConfig } from '../config/order-config.js';

// Read when this module loads: @MessagePattern takes its pattern when the controller class is defined.
const namespace = orderConfig.load().SHOP_TOPIC_NAMESPACE;

/** The events this service publishes and consumes, on its topics (SHOP_TOPIC_NAMESPACE, a test hook: see the runtime's topic-namespace.ts). */
export const OrderEvents = {
  placed: namespacedEvent(Events.orderPlacedV1, namespace),
  confirmed: namespacedEvent(Events.orderConfirmedV1, namespace),
  rejected: namespacedEvent(Events.orderRejectedV1, namespace),
  cancelled: namespacedEvent(Events.orderCancelledV1, namespace),
  shipped: namespacedEvent(Events.orderShippedV1, namespace),
  stockReserved: namespacedEvent(Events.stockReservedV1, namespace),
  stockReservationFailed: namespacedEvent(Events.stockReservationFailedV1, namespace),
  shipmentDispatched: namespacedEvent(Events.shipmentDispatchedV1, namespace),
  shipmentFailed: namespacedEvent(Events.shipmentFailedV1, namespace),
};

/** The request-reply calls this service answers. */
export const OrderRequests = {
  place: namespacedRequest(Requests.placeOrder, namespace),
  get: namespacedRequest(Requests.getOrder, namespace),
  cancel: namespacedRequest(Requests.cancelOrder, namespace),
};
