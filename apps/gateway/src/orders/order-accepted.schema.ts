import { Requests } from '@shop/event-contracts';
import { traceIdSchema } from '../tracing/trace-id.js';
import { objectSchemaOf } from '../validation/object-schema.js';

/** 202 to POST /orders: the order service's reply, and the trace to follow the saga in. */
export const orderPlacedResponseSchema = objectSchemaOf(Requests.placeOrder.valueSchema, Requests.placeOrder.pattern)
  .extend({ traceId: traceIdSchema })
  .describe('Accepted, not done: GET the Location until the status is final (SHIPPED, REJECTED or CANCELLED).');

/** 202 to POST /orders/:id/cancel. */
export const orderCancelledResponseSchema = objectSchemaOf(Requests.cancelOrder.valueSchema, Requests.cancelOrder.pattern)
  .extend({ traceId: traceIdSchema })
  .describe('Accepted: the order is CANCELLED; its stock comes back afterwards.');
