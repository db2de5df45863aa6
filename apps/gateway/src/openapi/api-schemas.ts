import {
  customerOrderSummarySchema,
  orderItemSchema,
  orderStatusSchema,
  productSchema,
  Requests,
  shippingAddressSchema,
  timelineEntrySchema,
} from '@shop/event-contracts';
import { z } from 'zod';
import { signInBodySchema, tokenResponseSchema } from '../auth/sign-in.schema.js';
import { deadLetterPageSchema, deadLetterSchema, replayBodySchema, replayResultSchema } from '../operations/dead-letter.schemas.js';
import { restockBodySchema } from '../operations/restock-body.schema.js';
import { cancelOrderBodySchema } from '../orders/cancel-order-body.schema.js';
import { orderCancelledResponseSchema, orderPlacedResponseSchema } from '../orders/order-accepted.schema.js';
import { orderBodySchema, placeOrderItemSchema } from '../orders/order-body.schema.js';
import { orderTimelineResponseSchema } from '../orders/order-timeline.schema.js';
import { fieldErrorSchema, problemBodySchema } from '../problem/problem.js';
import { traceViewSchema } from '../traces/trace-view.schema.js';
import { healthReportSchema, livenessSchema } from './health-report.schema.js';

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1). */
export type JsonSchema = { [keyword: string]: unknown };

/** Where a named schema lives in the document. */
export const schemaRef = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

/**
 * Every schema the HTTP API takes or answers, by its name in the document: the
 * very zod schemas the gateway validates with (the contracts', or derived from
 * them), so the document cannot say anything validation does not.
 */
const NAMED_SCHEMAS = {
  PlaceOrderBody: orderBodySchema,
  CancelOrderBody: cancelOrderBodySchema,
  OrderPlaced: orderPlacedResponseSchema,
  OrderCancelled: orderCancelledResponseSchema,
  Order: Requests.getOrder.valueSchema,
  OrderTimeline: orderTimelineResponseSchema,
  CustomerOrders: Requests.getCustomerOrders.valueSchema,
  ProductList: Requests.listProducts.valueSchema,
  SignInBody: signInBodySchema,
  TokenResponse: tokenResponseSchema,
  RestockBody: restockBodySchema,
  Restocked: Requests.restock.valueSchema,
  ProductTimeline: Requests.getProductTimeline.valueSchema,
  TraceView: traceViewSchema,
  DeadLetterPage: deadLetterPageSchema,
  ReplayBody: replayBodySchema,
  ReplayResult: replayResultSchema,
  // Parts used in several places: named once, referenced everywhere.
  OrderItem: orderItemSchema,
  PlaceOrderItem: placeOrderItemSchema,
  OrderStatus: orderStatusSchema,
  ShippingAddress: shippingAddressSchema,
  Product: productSchema,
  TimelineEntry: timelineEntrySchema,
  DeadLetter: deadLetterSchema,
  CustomerOrderSummary: customerOrderSummarySchema,
  Problem: problemBodySchema,
  FieldError: fieldErrorSchema,
  HealthReport: healthReportSchema,
  Liveness: livenessSchema,
} satisfies Record<string, z.ZodType>;

export type SchemaName = keyof typeof NAMED_SCHEMAS;

/** The JSON Schema of a zod schema as a client sends it (zod's input side: unknown properties are tolerated). */
function toJsonSchemaOptions() {
  return { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' } as const;
}

/** `components.schemas`: each named schema, the others it contains replaced by a $ref to them. */
export function componentSchemas(): Record<SchemaName, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(NAMED_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { ...toJsonSchemaOptions(), uri: (id) => `#/components/schemas/${id}` });
  // $schema and $id belong to standalone schemas; inside the document the dialect is OpenAPI 3.1's.
  const entries = Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema as JsonSchema]);
  return Object.fromEntries(entries) as Record<SchemaName, JsonSchema>;
}

/** A small schema inline (a path parameter's, a header's). */
export function inlineSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, toJsonSchemaOptions());
  return rest;
}
