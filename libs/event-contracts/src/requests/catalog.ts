import { getCustomerOrdersRequest } from './history/get-customer-orders.request.js';
import { getOrderTimelineRequest } from './history/get-order-timeline.request.js';
import { getProductTimelineRequest } from './history/get-product-timeline.request.js';
import { listProductsRequest } from './inventory/list-products.request.js';
import { restockRequest } from './inventory/restock.request.js';
import { cancelOrderRequest } from './order/cancel-order.request.js';
import { getOrderRequest } from './order/get-order.request.js';
import { placeOrderRequest } from './order/place-order.request.js';

/** Every request-reply call the gateway makes, by name. */
export const Requests = {
  placeOrder: placeOrderRequest,
  getOrder: getOrderRequest,
  cancelOrder: cancelOrderRequest,
  listProducts: listProductsRequest,
  restock: restockRequest,
  getOrderTimeline: getOrderTimelineRequest,
  getCustomerOrders: getCustomerOrdersRequest,
  getProductTimeline: getProductTimelineRequest,
} as const;

export type AnyRequestContract = (typeof Requests)[keyof typeof Requests];

export const ALL_REQUESTS: readonly AnyRequestContract[] = Object.values(Requests);
