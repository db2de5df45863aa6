import { customerIdSchema, orderIdSchema, skuSchema } from '@shop/event-contracts';
import { API_KEY_HEADER } from '../auth/caller.js';
import { consumerGroupSchema, eventTopicSchema, pageAfterSchema, pageLimitSchema } from '../operations/dead-letter.schemas.js';
import { KAFKA_RETRY_AFTER_SECONDS } from '../operations/dead-letter.problem.js';
import { DEFAULT_BODY_LIMIT_BYTES } from '../http/json-body.middleware.js';
import { IDEMPOTENCY_KEY_HEADER } from '../orders/place-order.input.js';
import { idempotencyKeySchema } from '../orders/order-body.schema.js';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem.filter.js';
import { CACHE_STATUS_HEADER, CATALOG_CACHE_CONTROL } from '../products/conditional-get.js';
import { TRACE_ID_HEADER, traceIdSchema } from '../tracing/trace-id.js';
import { componentSchemas, inlineSchema, type JsonSchema, type SchemaName, schemaRef } from './api-schemas.js';

/** The subset of OpenAPI 3.1 this document uses, enough for the docs page to read it. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  jsonSchemaDialect: string;
  tags: { name: string; description?: string }[];
  /** What every operation needs unless it says otherwise: a customer's token. */
  security: SecurityRequirement[];
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
  components: {
    securitySchemes: Record<SecuritySchemeName, SecurityScheme>;
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
  /** `[]`: no credentials; absent: the document's (a customer's token). */
  security?: SecurityRequirement[];
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

export type SecuritySchemeName = 'customerToken' | 'operatorKey';
export type SecurityRequirement = Partial<Record<SecuritySchemeName, string[]>>;
export type SecurityScheme =
  | { type: 'http'; scheme: 'bearer'; bearerFormat: string; description: string }
  | { type: 'apiKey'; in: 'header'; name: string; description: string };

/** The security of an operation open to anyone, and of one for operators. */
export const PUBLIC: SecurityRequirement[] = [];
export const OPERATORS: SecurityRequirement[] = [{ operatorKey: [] }];
/** The security of an operation for any signed-in caller: a customer's token or an operator's key. */
export const SIGNED_IN: SecurityRequirement[] = [{ customerToken: [] }, { operatorKey: [] }];

export const OPENAPI_PATH = '/openapi.json';

/** Where the AsyncAPI document of the shop's events is served (listed on /docs too). */
export const ASYNCAPI_PATH = '/asyncapi.json';

/** The interactive page (Swagger UI), where a reader authorizes and tries each call. */
export const DOCS_PATH = '/docs';

/** The same document as a page without any script, with the events by topic. */
export const DOCS_REFERENCE_PATH = '/docs/reference';

const ref = (kind: 'parameters' | 'headers' | 'responses', name: string): Ref => ({ $ref: `#/components/${kind}/${name}` });
const json = (name: SchemaName, example?: unknown): Content => ({ 'application/json': { schema: schemaRef(name), ...(example !== undefined && { example }) } });
const html = (): Content => ({ 'text/html': { schema: { type: 'string' } } });
const traced = { [TRACE_ID_HEADER]: ref('headers', 'TraceId') };

const exampleOrderId = '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10';
const exampleSku = 'MUG-CERAMIC-350';
const exampleTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const exampleOrder = {
  email: 'ada@example.com',
  items: [{ sku: 'MUG-CERAMIC-350', quantity: 2 }],
  shippingAddress: { name: 'Ada Lovelace', line1: '12 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
};

/** What a catalog read answers with, 200 or 304: its tag, what a client may do with it, how the gateway answered. */
const cacheable = {
  ETag: ref('headers', 'ETag'),
  'Cache-Control': ref('headers', 'CacheControl'),
  [CACHE_STATUS_HEADER]: ref('headers', 'CacheStatus'),
  ...traced,
};

const catalogCaching =
  'Served from the gateway’s copy of the catalog, which every event on the inventory’s topic (stock reserved, released, ' +
  'replenished, ...) invalidates, so it is never staler than the event lag; while the gateway cannot consume those events, ' +
  'every read asks the inventory. Send the ETag back in If-None-Match: an unchanged catalog answers 304 without a body. ' +
  `Cache-Control: ${CATALOG_CACHE_CONTROL}: keep the answer, but revalidate before each use (stock changes with every order).`;

const orderStreamDescription =
  'text/event-stream. Frames: `retry: 3000` first; `event: status` (data `{orderId, status}`): the current status at once, ' +
  'then each time the order moves forward; `event: entry` with an `id` (data `{eventId, type, source, time, summary}`): every ' +
  'timeline entry once, the recorded ones first in the timeline’s order, then live ones as they arrive; a `: keep-alive` comment ' +
  'every 15 s; `event: end` (data `{orderId, status}`) once the status is final and no entry came for a few seconds, then the ' +
  'stream closes (close the client: do not reconnect). Cut otherwise, reconnect with `Last-Event-ID`: nothing is missed, and ' +
  'what is sent again (entries stamped up to ORDER_STREAM_REPLAY_MARGIN_MS before it) is dropped by its eventId. ' +
  'Only the customer’s own order: another’s is a 404 before anything streams.';

const orderStreamExample =
  'retry: 3000\n\nevent: status\ndata: {"orderId":"' + exampleOrderId + '","status":"PENDING"}\n\n' +
  'event: entry\nid: 1767225600000_9b2f1c4e-2d7a-4b8e-9c1d-3e4f5a6b7c8d\ndata: {"eventId":"9b2f1c4e-2d7a-4b8e-9c1d-3e4f5a6b7c8d",' +
  '"type":"shop.order.placed.v1","source":"/shop/order","time":"2026-01-01T00:00:00.000Z","summary":"Order placed: 1 unit of 1 product, to Berlin, DE"}\n\n' +
  ': keep-alive\n\nevent: end\ndata: {"orderId":"' + exampleOrderId + '","status":"SHIPPED"}\n\n';

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

/** What any operation needing credentials can answer besides its own: none or bad ones (401), too many requests (429). */
const guarded = {
  '401': ref('responses', 'Unauthenticated'),
  '429': ref('responses', 'TooManyRequests'),
};

/** What an operations route can answer besides its own: no or a bad key (401), a customer's token (403), too many requests (429). */
const operatorGuarded = {
  '401': ref('responses', 'Unauthenticated'),
  '403': ref('responses', 'Forbidden'),
  '429': ref('responses', 'TooManyRequests'),
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
        'Lines of the same sku in an order are merged into one line, their quantities added. ' +
        'Customers send a bearer token (in development, POST /auth/token gives one for any customer id); operators an API key in X-Api-Key. ' +
        'Each caller has a budget of reads and of writes per window (RateLimit-* headers; 429 with Retry-After beyond it).\n\n' +
        // Markdown, as Swagger UI renders it on /docs (the reference page shows it as text, which reads alike).
        `To try a call on ${DOCS_PATH} (in development):\n\n` +
        '1. POST /auth/token, Execute: copy the access_token of the answer.\n' +
        '2. Authorize: paste it as customerToken (and, for the operations routes, demo-operator-key as operatorKey).\n' +
        '3. Execute any call: its example runs as it is (POST /orders places an order for ada).\n\n' +
        `Every schema, and the events the shop publishes by topic, on one page without any script: ${DOCS_REFERENCE_PATH}.`,
    },
    security: [{ customerToken: [] }],
    // OpenAPI 3.1's own dialect: JSON Schema 2020-12 (what zod's schemas are) with OpenAPI's vocabulary;
    // said explicitly, as the default it is (Swagger UI warns of any other value).
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    tags: [
      { name: 'orders', description: 'Placing, reading and cancelling orders (order service), and their timeline (history).' },
      { name: 'customers', description: 'A customer’s orders (history read model).' },
      { name: 'products', description: 'The catalog and its stock (inventory).' },
      { name: 'auth', description: 'Signing in, in development.' },
      {
        name: 'operations',
        description:
          'For operators (an API key in X-Api-Key): restocking a product (inventory), its stock timeline (history), ' +
          'and a consumer group’s dead letters, listed and replayed (Kafka).',
      },
      { name: 'traces', description: 'A request’s trace (X-Trace-Id), read from Jaeger’s query API.' },
      { name: 'health', description: 'Readiness and liveness.' },
      { name: 'pages', description: 'This document, its pages (to try, and to read with the events), the AsyncAPI document of the events, the storefront and the trace view.' },
    ],
    paths: {
      '/orders': {
        post: {
          operationId: 'placeOrder',
          summary: 'Place an order',
          description:
            'Validated with the order contract (a 400 names every bad field and nothing is sent), then handed to the order service. ' +
            `The same ${IDEMPOTENCY_KEY_HEADER} from the same customer answers the same order, so a client retries safely: ` +
            `executed twice as it is, the example answers the first order again; another key places another order.`,
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
            ...guarded,
            ...bodyFailures,
            ...downstreamFailures,
          },
        },
      },
      '/orders/{id}': {
        get: {
          operationId: 'getOrder',
          summary: 'Read an order',
          description:
            'As the order service knows it now: pricing once the stock is reserved, shipment once SHIPPED, statusReason once REJECTED or CANCELLED. ' +
            'Only the customer’s own: another’s is a 404, as an unknown one.',
          tags: ['orders'],
          parameters: [ref('parameters', 'OrderId')],
          responses: {
            '200': { description: 'The order.', headers: traced, content: json('Order') },
            '400': ref('responses', 'BadRequest'),
            '404': ref('responses', 'NotFound'),
            ...guarded,
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
            ...guarded,
            ...bodyFailures,
            ...downstreamFailures,
          },
        },
      },
      '/orders/{id}/timeline': {
        get: {
          operationId: 'getOrderTimeline',
          summary: 'An order’s timeline',
          description:
            'Every event of the order, from the history read model, in the order they happened. An order just placed that history ' +
            'has not recorded yet answers 200 with `recorded: false` and no entries.',
          tags: ['orders'],
          parameters: [ref('parameters', 'OrderId')],
          responses: {
            '200': { description: 'The events so far.', headers: traced, content: json('OrderTimeline') },
            '400': ref('responses', 'BadRequest'),
            '404': ref('responses', 'NotFound'),
            ...guarded,
            ...downstreamFailures,
          },
        },
      },
      '/orders/{id}/events': {
        get: {
          operationId: 'streamOrderEvents',
          summary: 'Follow an order live (server-sent events)',
          description: orderStreamDescription,
          tags: ['orders'],
          parameters: [ref('parameters', 'OrderId'), ref('parameters', 'LastEventId')],
          responses: {
            '200': {
              description: 'The stream: `status`, then `entry` frames, `end` once the order is final and settled. Never a JSON body.',
              headers: traced,
              content: { 'text/event-stream': { schema: { type: 'string' }, example: orderStreamExample } },
            },
            '400': ref('responses', 'BadRequest'),
            '404': ref('responses', 'NotFound'),
            ...guarded,
            '429': problem('Too many requests for this caller’s budget, or this customer holds ORDER_STREAMS_PER_CUSTOMER open streams already.', {
              'Retry-After': ref('headers', 'RetryAfter'),
            }),
            ...downstreamFailures,
            '503': problem(
              'The order or history service did not answer, or streams are refused for now: the gateway is not consuming the events ' +
                '(start-up, Kafka away) or holds ORDER_STREAMS_MAX streams. Retry after Retry-After, with Last-Event-ID.',
              { 'Retry-After': ref('headers', 'RetryAfter') },
            ),
          },
        },
      },
      '/customers/{id}/orders': {
        get: {
          operationId: 'getCustomerOrders',
          summary: 'A customer’s orders',
          description: 'From the history read model, newest first; a customer without orders has an empty list. Only one’s own: another customer’s is a 404.',
          tags: ['customers'],
          parameters: [ref('parameters', 'CustomerId')],
          responses: {
            '200': { description: 'The orders.', headers: traced, content: json('CustomerOrders') },
            '400': ref('responses', 'BadRequest'),
            '404': ref('responses', 'NotFound'),
            ...guarded,
            ...downstreamFailures,
          },
        },
      },
      '/products': {
        get: {
          operationId: 'listProducts',
          summary: 'List the products',
          description: `The catalog with prices and the stock available now, from the inventory. ${catalogCaching}`,
          tags: ['products'],
          parameters: [ref('parameters', 'IfNoneMatch')],
          responses: {
            '200': { description: 'The products.', headers: cacheable, content: json('ProductList') },
            '304': ref('responses', 'NotModified'),
            ...guarded,
            ...downstreamFailures,
          },
        },
      },
      '/products/{sku}': {
        get: {
          operationId: 'getProduct',
          summary: 'Read a product',
          description: `One product of the catalog, with its price and the stock available now. ${catalogCaching} Each product has its own ETag.`,
          tags: ['products'],
          parameters: [ref('parameters', 'Sku'), ref('parameters', 'IfNoneMatch')],
          responses: {
            '200': { description: 'The product.', headers: cacheable, content: json('Product') },
            '304': ref('responses', 'NotModified'),
            '400': ref('responses', 'BadRequest'),
            '404': ref('responses', 'ProductNotFound'),
            ...guarded,
            ...downstreamFailures,
          },
        },
      },
      '/auth/token': {
        post: {
          operationId: 'signIn',
          summary: 'Demo sign-in (development only)',
          description:
            'A customer token for any customer id, no password: the storefront and the README’s curl session use it. ' +
            'Only where DEPLOYMENT_ENVIRONMENT is development; elsewhere the route does not exist (404) and tokens come from your identity provider. ' +
            `On ${DOCS_PATH}: Execute, copy the access_token, then Authorize and paste it as customerToken.`,
          tags: ['auth'],
          security: PUBLIC,
          requestBody: { required: true, content: json('SignInBody', { customerId: 'ada' }) },
          responses: {
            '200': { description: 'The token.', headers: traced, content: json('TokenResponse') },
            '400': ref('responses', 'BadRequest'),
            ...bodyFailures,
            '429': ref('responses', 'TooManyRequests'),
          },
        },
      },
      '/products/{sku}/restock': {
        post: {
          operationId: 'restockProduct',
          summary: 'Restock a product',
          description:
            'Raises the product’s stock by quantity, in one transaction with its stock-replenished event (published through the inventory’s outbox; ' +
            'history records it on the product’s timeline). 200, not 202: the stock is raised when the answer comes. ' +
            'Not idempotent: every call adds its units, so after a 503 read GET /products before trying again.',
          tags: ['operations'],
          security: OPERATORS,
          parameters: [ref('parameters', 'Sku')],
          requestBody: { required: true, content: json('RestockBody', { quantity: 50 }) },
          responses: {
            '200': { description: 'Restocked: the units added and the stock now.', headers: traced, content: json('Restocked', { sku: exampleSku, quantity: 50, stock: 170 }) },
            '400': ref('responses', 'BadRequest'),
            ...bodyFailures,
            ...operatorGuarded,
            '404': ref('responses', 'ProductNotFound'),
            '409': ref('responses', 'StockFull'),
            ...downstreamFailures,
          },
        },
      },
      '/products/{sku}/timeline': {
        get: {
          operationId: 'getProductTimeline',
          summary: 'A product’s stock timeline',
          description:
            'The product’s events that belong to no order (its restocks), from the history read model: the latest 100, oldest first. ' +
            'Empty for a sku with none (history does not own the catalog, so an unknown sku is empty too).',
          tags: ['operations'],
          security: OPERATORS,
          parameters: [ref('parameters', 'Sku')],
          responses: {
            '200': { description: 'The entries.', headers: traced, content: json('ProductTimeline') },
            '400': ref('responses', 'BadRequest'),
            ...operatorGuarded,
            ...downstreamFailures,
          },
        },
      },
      '/operations/dead-letters/{topic}/{group}': {
        get: {
          operationId: 'listDeadLetters',
          summary: 'A consumer group’s dead letters',
          description:
            'The events the group gave up on, from `<topic>.dlq.<group>`, a page at a time in (partition, offset) order: ' +
            'event id and type, key, why (dlq_reason and the error), attempts, when, and whether a replay republished it already; ' +
            'with the total and the number not replayed yet. Never the event’s data.',
          tags: ['operations'],
          security: OPERATORS,
          parameters: [ref('parameters', 'EventTopic'), ref('parameters', 'ConsumerGroup'), ref('parameters', 'DeadLetterLimit'), ref('parameters', 'DeadLetterAfter')],
          responses: {
            '200': { description: 'One page of dead letters.', headers: traced, content: json('DeadLetterPage') },
            '400': ref('responses', 'BadRequest'),
            ...operatorGuarded,
            '404': ref('responses', 'NoDeadLetters'),
            '503': ref('responses', 'KafkaUnavailable'),
            default: ref('responses', 'UnexpectedError'),
          },
        },
      },
      '/operations/dead-letters/{topic}/{group}/replay': {
        post: {
          operationId: 'replayDeadLetters',
          summary: 'Replay a consumer group’s dead letters',
          description:
            'Once their cause is fixed: republishes the dead letters not replayed yet to their topic, with their original key, value and headers ' +
            '(as the CLI replay-dead-letters does); every consumer group of the topic deduplicates on ce_id, so only the group that failed handles them again. ' +
            'Each dead letter is replayed once. No body at all replays them all.',
          tags: ['operations'],
          security: OPERATORS,
          parameters: [ref('parameters', 'EventTopic'), ref('parameters', 'ConsumerGroup')],
          requestBody: { required: false, content: json('ReplayBody', { reasons: ['handler-failed'] }) },
          responses: {
            '200': { description: 'Replayed (or, for a dry run, counted): how many, and how many skipped for their reason.', headers: traced, content: json('ReplayResult') },
            '400': ref('responses', 'BadRequest'),
            ...bodyFailures,
            ...operatorGuarded,
            '404': ref('responses', 'NoDeadLetters'),
            '409': ref('responses', 'ReplayRunning'),
            '503': ref('responses', 'KafkaUnavailable'),
            default: ref('responses', 'UnexpectedError'),
          },
        },
      },
      '/traces/{traceId}/spans': {
        get: {
          operationId: 'getTrace',
          summary: 'A trace’s spans',
          description:
            'The trace as Jaeger has it now, shaped for the trace view: every span with its service, parent, start and duration ' +
            '(microseconds from the trace’s start), error flag and message, attributes and events; and the services it crossed. ' +
            'For any signed-in caller, customer or operator: a trace id is 128 random bits handed only to whoever made the request ' +
            `(${TRACE_ID_HEADER}), so it is the capability to read its trace. The services export spans every few seconds, ` +
            'so a trace seconds old can be a 404, or miss its last spans: ask again.',
          tags: ['traces'],
          security: SIGNED_IN,
          parameters: [ref('parameters', 'TraceId')],
          responses: {
            '200': { description: 'The trace.', headers: traced, content: json('TraceView') },
            '400': ref('responses', 'BadRequest'),
            ...guarded,
            '404': ref('responses', 'TraceNotFound'),
            '502': ref('responses', 'JaegerUnreadable'),
            '503': ref('responses', 'JaegerUnavailable'),
            default: ref('responses', 'UnexpectedError'),
          },
        },
      },
      '/health': {
        get: {
          operationId: 'readiness',
          security: PUBLIC,
          summary: 'Readiness',
          description:
            'Whether Kafka answers and the gateway’s consumers consume (the replies’, and the catalog cache’s: ' +
            'while that one is down the catalog is read from the inventory every time); circuit breakers are listed, informational.',
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
          security: PUBLIC,
          summary: 'Liveness',
          tags: ['health'],
          responses: { '200': { description: 'The process runs its event loop.', headers: traced, content: json('Liveness') } },
        },
      },
      [OPENAPI_PATH]: {
        get: {
          operationId: 'getOpenApiDocument',
          security: PUBLIC,
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
          security: PUBLIC,
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
      [DOCS_PATH]: {
        get: {
          operationId: 'getDocsPage',
          security: PUBLIC,
          summary: 'This document, to try',
          description: `Swagger UI on this document, served by the gateway: authorize with the security schemes, then try each call. Links ${DOCS_REFERENCE_PATH}.`,
          tags: ['pages'],
          responses: {
            '200': { description: 'The page (its scripts and style sheet from /assets).', headers: traced, content: html() },
          },
        },
      },
      [DOCS_REFERENCE_PATH]: {
        get: {
          operationId: 'getDocsReferencePage',
          security: PUBLIC,
          summary: 'This document as a page, with the events',
          description: 'Rendered on the gateway, without any script: every operation, its parameters, bodies and responses, every schema, and the event types of the AsyncAPI document by topic.',
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
      '/assets/{name}': {
        get: {
          operationId: 'getAsset',
          security: PUBLIC,
          summary: 'A script or style sheet of the pages',
          description:
            'The files the pages load (apps/gateway/browser/, and swagger-ui-bundle.js and swagger-ui.css from swagger-ui-dist for /docs), a fixed set read at start-up. ' +
            '`Cache-Control: no-cache` with a strong `ETag`: sent back in `If-None-Match`, an unchanged file answers 304.',
          tags: ['pages'],
          // Any name: one that is not a file of the set is a 404, as on any static file server (no pattern that would promise a 400).
          parameters: [{ name: 'name', in: 'path', required: true, description: 'The file’s name.', schema: { type: 'string' }, example: 'storefront.js' }],
          responses: {
            '200': { description: 'The file.', headers: traced, content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } } },
            '304': { description: 'Unchanged since the ETag sent in `If-None-Match`.', headers: traced },
            // A name that is not percent-encoded UTF-8 (/assets/%ZZ), as every path parameter (the fuzz found it undocumented).
            '400': ref('responses', 'BadRequest'),
            '404': problem('No such file among the pages’ files.'),
          },
        },
      },
      '/traces/{traceId}': {
        get: {
          operationId: 'getTraceView',
          security: PUBLIC,
          summary: 'The trace view',
          description:
            'A page drawing a trace as a waterfall: a row per span under its parent, colored by service, its attributes and events a click away. ' +
            'The page itself holds no data: its script reads GET /traces/{traceId}/spans with the storefront’s token ' +
            '(in development, the demo sign-in’s without one), and links to Jaeger’s own UI where JAEGER_UI_URL says there is one.',
          tags: ['pages'],
          parameters: [ref('parameters', 'TraceId')],
          responses: {
            '200': { description: 'The trace view page.', headers: traced, content: html() },
            '400': ref('responses', 'BadRequest'),
          },
        },
      },
      '/': {
        get: {
          operationId: 'getStorefront',
          security: PUBLIC,
          summary: 'The storefront',
          description: 'A page that lists the products, places an order and follows it to a final status, with its timeline and trace.',
          tags: ['pages'],
          responses: { '200': { description: 'The storefront page.', headers: traced, content: html() } },
        },
      },
    },
    components: {
      securitySchemes: {
        customerToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A customer’s token (HS256; iss, aud and exp checked; the subject is the customer id): in development, the access_token POST /auth/token answers.',
        },
        operatorKey: {
          type: 'apiKey',
          in: 'header',
          name: API_KEY_HEADER,
          description: 'An operator’s API key, for the operations routes (in development: demo-operator-key, refused anywhere else).',
        },
      },
      schemas: componentSchemas(),
      parameters: {
        OrderId: { name: 'id', in: 'path', required: true, description: 'The order id, as POST /orders answered it.', schema: inlineSchema(orderIdSchema), example: exampleOrderId },
        CustomerId: { name: 'id', in: 'path', required: true, description: 'The customer id.', schema: inlineSchema(customerIdSchema), example: 'ada' },
        Sku: { name: 'sku', in: 'path', required: true, description: 'The product’s sku.', schema: inlineSchema(skuSchema), example: exampleSku },
        EventTopic: { name: 'topic', in: 'path', required: true, description: 'The event topic the group consumes.', schema: inlineSchema(eventTopicSchema), example: 'shop.order.events' },
        ConsumerGroup: { name: 'group', in: 'path', required: true, description: 'The consumer group.', schema: inlineSchema(consumerGroupSchema), example: 'inventory' },
        DeadLetterLimit: { name: 'limit', in: 'query', required: false, description: 'The page’s size.', schema: inlineSchema(pageLimitSchema) },
        // No example: Swagger UI (/docs) fills a parameter with its example, and a made-up position would skip the first dead letters.
        DeadLetterAfter: {
          name: 'after',
          in: 'query',
          required: false,
          description: 'Where the page starts: the `next` of the previous page, e.g. 0:41; none for the first page.',
          schema: inlineSchema(pageAfterSchema),
        },
        TraceId: { name: 'traceId', in: 'path', required: true, description: 'A trace id, as X-Trace-Id gives it.', schema: inlineSchema(traceIdSchema), example: exampleTraceId },
        IfNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'The ETag of the representation the client holds (or a list of them, or *): 304 without a body while it is current.',
          schema: { type: 'string' },
          example: '"a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V"',
        },
        LastEventId: {
          name: 'Last-Event-ID',
          in: 'header',
          required: false,
          description: 'The id of the last entry received, on a reconnect (EventSource sends it by itself); any other value: everything again.',
          schema: { type: 'string' },
          example: '1767225600000_9b2f1c4e-2d7a-4b8e-9c1d-3e4f5a6b7c8d',
        },
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
        ETag: {
          description: 'A strong entity tag of the body: its SHA-256, so every gateway replica tags the same catalog alike. Send it back in If-None-Match.',
          required: true,
          schema: { type: 'string', pattern: '^"[A-Za-z0-9_-]{43}"$' },
        },
        CacheControl: {
          description: `Always ${CATALOG_CACHE_CONTROL}: a client or shared cache may keep the answer but must revalidate it before each use.`,
          required: true,
          schema: { type: 'string', const: CATALOG_CACHE_CONTROL },
        },
        CacheStatus: {
          description:
            'How the gateway answered: hit (from its copy of the catalog), miss (asked the inventory and kept the answer), ' +
            'bypass (asked the inventory without keeping the answer: the cache is off, or its event consumer is not consuming).',
          required: true,
          schema: { type: 'string', enum: ['hit', 'miss', 'bypass'] },
        },
        RetryAfter: {
          description:
            'Seconds to wait before retrying: 1 when the service did not answer in time, the breaker’s reset time when it is open, ' +
            'the end of the window when the caller sent too many requests, ' +
            `${KAFKA_RETRY_AFTER_SECONDS} when Kafka itself did not answer (dead-letter operations).`,
          required: true,
          schema: { type: 'integer', minimum: 0 },
        },
        WwwAuthenticate: { description: 'The challenge to answer: Bearer (customers) or ApiKey (operators), and why sent credentials were refused.', required: true, schema: { type: 'string' } },
        RateLimitLimit: { description: 'Requests of this kind (reads or writes) a caller may send per window.', required: true, schema: { type: 'integer', minimum: 1 } },
        RateLimitRemaining: { description: 'What is left of it.', required: true, schema: { type: 'integer', minimum: 0 } },
        RateLimitReset: { description: 'Seconds until the window ends.', required: true, schema: { type: 'integer', minimum: 0 } },
      },
      responses: {
        BadRequest: problem(
          'Invalid request: every bad field (body path, id or Idempotency-Key) is named in errors, ' +
            'an id that is not percent-encoded UTF-8 too; or a body that is not JSON or not UTF-8.',
        ),
        NotFound: problem('No such order (or another customer’s).'),
        Unauthenticated: problem('No credentials, or refused ones (bad signature, expired, another issuer or audience, an unknown API key).', {
          'WWW-Authenticate': ref('headers', 'WwwAuthenticate'),
        }),
        Forbidden: problem('A customer’s token on an operations route.'),
        TooManyRequests: problem('This caller sent more requests of this kind than its budget for the window.', {
          'Retry-After': ref('headers', 'RetryAfter'),
          'RateLimit-Limit': ref('headers', 'RateLimitLimit'),
          'RateLimit-Remaining': ref('headers', 'RateLimitRemaining'),
          'RateLimit-Reset': ref('headers', 'RateLimitReset'),
        }),
        NotModified: { description: 'Not modified: the If-None-Match tag is current. No body.', headers: cacheable },
        Conflict: problem('The order can no longer be cancelled: it is SHIPPED, REJECTED or already CANCELLED.'),
        BadGateway: problem('The service failed, or answered something the gateway cannot read.'),
        ProductNotFound: problem('No product of that sku in the catalog.'),
        StockFull: problem('The restock would take the stock past the most the inventory stores (its stock is a 32-bit integer).'),
        NoDeadLetters: problem('The group has no dead-letter topic for that topic: it never consumed it (or the group does not exist).'),
        ReplayRunning: problem('A replay of the same dead letters is running on this gateway already.'),
        KafkaUnavailable: problem('Kafka did not answer in time.', { 'Retry-After': ref('headers', 'RetryAfter') }),
        ServiceUnavailable: problem('The service did not answer within GATEWAY_REQUEST_TIMEOUT_MS, or its breaker is open.', {
          'Retry-After': ref('headers', 'RetryAfter'),
        }),
        TraceNotFound: problem('Jaeger has no trace of that id, or not yet: the services export their spans every few seconds.'),
        JaegerUnreadable: problem('Jaeger answered something the gateway cannot read.'),
        JaegerUnavailable: problem('Jaeger did not answer within GATEWAY_REQUEST_TIMEOUT_MS, or its breaker is open.', {
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
