import { customerIdSchema, orderIdSchema } from '@shop/event-contracts';
import { DEFAULT_BODY_LIMIT_BYTES } from '../http/json-body.middleware.js';
import { IDEMPOTENCY_KEY_HEADER } from '../orders/place-order.input.js';
import { idempotencyKeySchema } from '../orders/order-body.schema.js';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem.filter.js';
import { TRACE_ID_HEADER, traceIdSchema } from '../tracing/trace-id.js';
import { componentSchemas, inlineSchema, type JsonSchema, type SchemaName, schemaRef } from './api-schemas.js';

/** The subset of OpenAPI 3.1 this document uses, enough for the docs page to read it. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  jsonSchemaDialect: string;
  tags: { name: string; description?: string }[];
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, Parameter>;
    headers: Record<string, Header>;
    responses: Record<string, Response>;
  };
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options';

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: (Parameter | Ref)[];
  requestBody?: { required: boolean; description?: string; content: Content };
  responses: Record<string, Response | Ref>;
}

export interface Parameter {
  name: string;
  in: 'path' | 'header' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
  example?: unknown;
}

export interface Header {
  description?: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Response {
  description: string;
  headers?: Record<string, Header | Ref>;
  content?: Content;
}

export type Content = Record<string, { schema: JsonSchema; example?: unknown }>;

export interface Ref {
  $ref: string;
}

export const OPENAPI_PATH = '/openapi.json';

/** Where the AsyncAPI document of the shop's events is served (listed on /docs too). */
export const ASYNCAPI_PATH = '/asyncapi.json';

const ref = (kind: 'parameters' | 'headers' | 'responses', name: string): Ref => ({ $ref: `#/components/${kind}/${name}` });
const json = (name: SchemaName, example?: unknown): Content => ({ 'application/json': { schema: schemaRef(name), ...(example !== undefined && { example }) } });
const html = (): Content => ({ 'text/html': { schema: { type: 'string' } } });
const traced = { [TRACE_ID_HEADER]: ref('headers', 'TraceId') };

const exampleOrderId = '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10';
const exampleTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const exampleOrder = {
  customerId: 'ada',
  email: 'ada@example.com',
  items: [{ sku: 'MUG-CERAMIC-350', quantity: 2 }],
  shippingAddress: { name: 'Ada Lovelace', line1: '12 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
};

/** What reading a request body can end in besides a 400: too large (413), not JSON or not UTF-8 as a media type (415). */
const bodyFailures = {
  '413': ref('responses', 'PayloadTooLarge'),
  '415': ref('responses', 'UnsupportedMediaType'),
};

/** Errors every call to a service can end in: its failure (502), no answer in time or an open breaker (503), anything else. */
const downstreamFailures = {
  '502': ref('responses', 'BadGateway'),
  '503': ref('responses', 'ServiceUnavailable'),
  default: ref('responses', 'UnexpectedError'),
};

/**
 * The gateway's OpenAPI 3.1 document. The paths are written here, one per
 * route (a unit test fails for a route of the app missing from them); every
 * body and response schema comes from the zod schemas the gateway validates with.
 */
export function openApiDocument(version: string): OpenApiDocument {
  return {
    openapi: '3.1.1',
    info: {
      title: 'event-shop gateway',
      version,
      description:
        'The HTTP edge of event-shop. Every order route is one request-reply call over Kafka to the service that owns the data, ' +
        'with a breaker and a timeout. Orders are accepted (202) and then move through the saga: ' +
        'PENDING → CONFIRMED → SHIPPED, or REJECTED, or CANCELLED. Errors are application/problem+json (RFC 9457). ' +
        `Every response carries ${TRACE_ID_HEADER}, the trace of the request in Jaeger (the health probes' traces are never kept). ` +
        'A path asked with a method it does not take answers 405 with Allow; a path that does not exist, 404. ' +
        'Lines of the same sku in an order are merged into one line, their quantities added.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [
      { name: 'orders', description: 'Placing, reading and cancelling orders (order service), and their timeline (history).' },
      { name: 'customers', description: 'A customer’s orders (history read model).' },
      { name: 'products', description: 'The catalog and its stock (inventory).' },
      { name: 'health', description: 'Readiness and liveness.' },
      { name: 'pages', description: 'This document, its page, the AsyncAPI document of the events, and the storefront.' },
    ],
    paths: {
      '/orders': {
        post: {
          operationId: 'placeOrder',
          summary: 'Place an order',
          description:
            'Validated with the order contract (a 400 names every bad field and nothing is sent), then handed to the order service. ' +
            `The same ${IDEMPOTENCY_KEY_HEADER} from the same customer answers the same order, so a client retries safely.`,
          tags: ['orders'],
          parameters: [ref('parameters', 'IdempotencyKey')],
          requestBody: { required: true, content: json('PlaceOrderBody', exampleOrder) },
          responses: {
            '202': {
              description: 'Accepted: follow the Location until the status is final.',
              headers: { Location: ref('headers', 'Location'), ...traced },
              content: json('OrderPlaced', { orderId: exampleOrderId, status: 'PENDING', traceId: exampleTraceId }),
            },
            '400': ref('responses', 'BadRequest'),
            ...bodyFailures,
            ...downstreamFailures,
          },
        },
      },
      '/orders/{id}': {
        get: {
          operationId: 'getOrder',
          summary: 'Read an order',
          description: 'As the order service knows it now: pricing once the stock is reserved, shipment once SHIPPED, statusReason once REJECTED or CANCELLED.',
          tags: ['orders'],
          parameters: [ref('parameters', 'OrderId')],
          responses: {
            '200': { description: 'The order.', headers: traced, content: json('Order') },
            '400': ref('responses', 'BadRequest'),
            '404': ref('responses', 'NotFound'),
            ...downstreamFailures,
          },
        },
      },
      '/orders/{id}/cancel': {
        post: {
          operationId: 'cancelOrder',
          summary: 'Cancel an order',
          description: 'Possible while PENDING or CONFIRMED; the stock comes back afterwards. No body at all is fine.',
          tags: ['orders'],
          parameters: [ref('parameters', 'OrderId')],
          requestBody: { required: false, content: json('CancelOrderBody', { reason: 'changed my mind' }) },
          responses: {
            '202': { description: 'Accepted: the order is CANCELLED.', headers: traced, content: json('OrderCancelled') },
            '400': ref('responses', 'BadRequest'),
            '404': ref('responses', 'NotFound'),
            '409': ref('responses', 'Conflict'),
            ...bodyFailures,
            ...downstreamFailures,
          },
        },
      },
      '/orders/{id}/timeline': {
        get: {
          operationId: 'getOrderTimeline',
          summary: 'An order’s timeline',
          description: 'Every event of the order, from the history read model, in the order they happened.',
          tags: ['orders'],
          parameters: [ref('parameters', 'OrderId')],
          responses: {
            '200': { description: 'The events so far.', headers: traced, content: json('OrderTimeline') },
            '400': ref('responses', 'BadRequest'),
            '404': ref('responses', 'NotFound'),
            ...downstreamFailures,
          },
        },
      },
      '/customers/{id}/orders': {
        get: {
          operationId: 'getCustomerOrders',
          summary: 'A customer’s orders',
          description: 'From the history read model, newest first; a customer without orders has an empty list.',
          tags: ['customers'],
          parameters: [ref('parameters', 'CustomerId')],
          responses: {
            '200': { description: 'The orders.', headers: traced, content: json('CustomerOrders') },
            '400': ref('responses', 'BadRequest'),
            ...downstreamFailures,
          },
        },
      },
      '/products': {
        get: {
          operationId: 'listProducts',
          summary: 'List the products',
          description: 'The catalog with prices and the stock available now, from the inventory.',
          tags: ['products'],
          responses: {
            '200': { description: 'The products.', headers: traced, content: json('ProductList') },
            ...downstreamFailures,
          },
        },
      },
      '/health': {
        get: {
          operationId: 'readiness',
          summary: 'Readiness',
          description: 'Whether the gateway’s database and Kafka answer; circuit breakers are listed, informational.',
          tags: ['health'],
          responses: {
            '200': { description: 'Ready.', headers: traced, content: json('HealthReport') },
            '503': { description: 'Not ready: the report names what is down.', headers: traced, content: json('HealthReport') },
          },
        },
      },
      '/health/live': {
        get: {
          operationId: 'liveness',
          summary: 'Liveness',
          tags: ['health'],
          responses: { '200': { description: 'The process runs its event loop.', headers: traced, content: json('Liveness') } },
        },
      },
      [OPENAPI_PATH]: {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          tags: ['pages'],
          responses: {
            '200': {
              description: 'The OpenAPI 3.1 document.',
              headers: traced,
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
      [ASYNCAPI_PATH]: {
        get: {
          operationId: 'getAsyncApiDocument',
          summary: 'The events, as an AsyncAPI 3.0 document',
          description:
            'What the shop publishes on Kafka, from the contracts library: a channel per topic, a message per versioned event type ' +
            '(its payload schema, CloudEvents headers, key and an example), who sends each topic and how to receive it.',
          tags: ['pages'],
          responses: {
            '200': {
              description: 'The AsyncAPI 3.0 document.',
              headers: traced,
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
      '/docs': {
        get: {
          operationId: 'getDocsPage',
          summary: 'This document as a page',
          tags: ['pages'],
          responses: {
            '200': {
              description: 'Every operation, its parameters, bodies and responses, every schema, and the event types by topic.',
              headers: traced,
              content: html(),
            },
          },
        },
      },
      '/': {
        get: {
          operationId: 'getStorefront',
          summary: 'The storefront',
          description: 'A page that lists the products, places an order and follows it to a final status, with its timeline and trace.',
          tags: ['pages'],
          responses: { '200': { description: 'The storefront page.', headers: traced, content: html() } },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      parameters: {
        OrderId: { name: 'id', in: 'path', required: true, description: 'The order id.', schema: inlineSchema(orderIdSchema), example: exampleOrderId },
        CustomerId: { name: 'id', in: 'path', required: true, description: 'The customer id.', schema: inlineSchema(customerIdSchema), example: 'ada' },
        IdempotencyKey: {
          name: IDEMPOTENCY_KEY_HEADER,
          in: 'header',
          required: true,
          description: 'A unique key per order, the same on every retry of it (a UUID is a good choice).',
          schema: inlineSchema(idempotencyKeySchema),
          example: '9d4c2f7e-5b1a-4e8f-8a3b-2c6d1e0f4a5b',
        },
      },
      headers: {
        TraceId: { description: 'The trace of this request in Jaeger.', required: true, schema: inlineSchema(traceIdSchema) },
        Location: { description: 'Where to read the order: /orders/<orderId>.', required: true, schema: { type: 'string' } },
        RetryAfter: {
          description: 'Seconds to wait before retrying: 1 when the service did not answer in time, the breaker’s reset time when it is open.',
          required: true,
          schema: { type: 'integer', minimum: 0 },
        },
      },
      responses: {
        BadRequest: problem(
          'Invalid request: every bad field (body path, id or Idempotency-Key) is named in errors, ' +
            'an id that is not percent-encoded UTF-8 too; or a body that is not JSON or not UTF-8.',
        ),
        NotFound: problem('No such order.'),
        Conflict: problem('The order can no longer be cancelled: it is SHIPPED, REJECTED or already CANCELLED.'),
        BadGateway: problem('The service failed, or answered something the gateway cannot read.'),
        ServiceUnavailable: problem('The service did not answer within GATEWAY_REQUEST_TIMEOUT_MS, or its breaker is open.', {
          'Retry-After': ref('headers', 'RetryAfter'),
        }),
        PayloadTooLarge: problem(`The body is larger than GATEWAY_BODY_LIMIT_BYTES (${DEFAULT_BODY_LIMIT_BYTES / 1024} KiB by default).`),
        UnsupportedMediaType: problem('The body is not application/json in UTF-8, or is compressed.'),
        UnexpectedError: problem(
          'Any other error: headers over 16 KB are a 431, a request that is not HTTP a 400 (both before any route), a gateway failure a 500.',
        ),
      },
    },
  };
}

function problem(description: string, headers: Record<string, Ref> = {}): Response {
  return {
    description,
    headers: { ...traced, ...headers },
    content: { [PROBLEM_CONTENT_TYPE]: { schema: schemaRef('Problem') } },
  };
}
