import { readFileSync } from 'node:fs';
import type { JsonSchemaObject } from './compatibility.js';
import type { EventKeyField } from './contract.js';
import { ALL_EVENTS, type AnyEventContract, Events } from './events/catalog.js';
import { describeEvents, producerOf } from './events/event-list.js';
import { eventExample } from './events/examples.js';
import { CE_HEADERS, CONTENT_TYPE_HEADER, JSON_CONTENT_TYPE, TRACE_HEADERS, toKafkaHeaders } from './envelope.js';
import { toPublishedJsonSchema } from './json-schemas.js';
import { EVENT_TOPICS, type Topic, Topics } from './topics.js';

/** A `$ref` to another part of the document. */
export interface AsyncApiRef {
  $ref: string;
}

/** The subset of AsyncAPI 3.0 this document uses (enough for the gateway's docs page to read it). */
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  id: string;
  info: { title: string; version: string; description: string };
  defaultContentType: string;
  servers: Record<string, { host: string; protocol: 'kafka'; description: string }>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: {
    schemas: Record<string, JsonSchemaObject>;
    messages: Record<string, AsyncApiMessage>;
  };
}

export interface AsyncApiChannel {
  /** The Kafka topic. */
  address: string;
  title: string;
  description: string;
  messages: Record<string, AsyncApiRef>;
}

export interface AsyncApiOperation {
  action: 'send' | 'receive';
  channel: AsyncApiRef;
  title: string;
  summary: string;
  description: string;
  messages: AsyncApiRef[];
  bindings?: { kafka: { groupId: JsonSchemaObject; bindingVersion: string } };
  /** The app that sends (send operations only). */
  'x-producer'?: string;
}

export interface AsyncApiMessage {
  /** The CloudEvents type (`ce_type`). */
  name: string;
  title: string;
  summary?: string;
  contentType: string;
  headers: JsonSchemaObject;
  payload: AsyncApiRef;
  bindings: { kafka: { key: JsonSchemaObject; bindingVersion: string } };
  examples: { name: string; summary: string; headers: Record<string, string>; payload: unknown }[];
}

const KAFKA_BINDING_VERSION = '0.5.0';
const HEADERS_SCHEMA = 'CloudEventsKafkaHeaders';

/**
 * The AsyncAPI 3.0 document of every event: channels are the event topics,
 * messages the versioned event types (payload = the published JSON Schema,
 * headers = the CloudEvents binary-mode headers, key = the field the contract
 * names: the order id, a product's sku for a restock; one example each),
 * operations are each topic's `send` by its producer and its `receive` by any
 * subscriber. Built from the catalog, so it is never out of date.
 *
 * The request-reply calls (src/requests) are left out on purpose, see REQUEST_REPLY_NOTE.
 */
export function asyncApiDocument(version: string = contractsVersion()): AsyncApiDocument {
  const descriptions = new Map(describeEvents().map((event) => [event.type, event]));
  const channels: Record<string, AsyncApiChannel> = {};
  const operations: Record<string, AsyncApiOperation> = {};
  const messages: Record<string, AsyncApiMessage> = {};
  const schemas: Record<string, JsonSchemaObject> = { [HEADERS_SCHEMA]: cloudEventsHeadersSchema() };

  ALL_EVENTS.forEach((contract, index) => {
    const id = messageId(contract);
    const payload = payloadSchema(contract);
    schemas[contract.type] = payload;
    messages[id] = message(contract, payload, descriptions.get(contract.type)?.description, index);
  });

  for (const topic of EVENT_TOPICS) {
    const channel = channelId(topic);
    const producer = producerOf(topic);
    const contracts = ALL_EVENTS.filter((contract) => contract.topic === topic);
    const types = contracts.map((contract) => `\`${contract.type}\``).join(', ');
    channels[channel] = {
      address: topic,
      title: topic,
      description:
        `The events of the ${producer} service: ${types}. ${keyingOf(contracts)} ` +
        `A consumer group's dead letters go to \`${topic}.dlq.<group>\`.`,
      messages: Object.fromEntries(contracts.map((contract) => [messageId(contract), { $ref: `#/components/messages/${messageId(contract)}` }])),
    };
    const channelMessages = contracts.map((contract) => ({ $ref: `#/channels/${channel}/messages/${messageId(contract)}` }));
    operations[`send${capitalize(channel)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channel}` },
      title: `${producer} publishes ${topic}`,
      summary: `The ${producer} service produces every event of ${topic}.`,
      description:
        `Through its transactional outbox: an event is written in the same database transaction as the state change it reports, ` +
        `then relayed to Kafka in order, at least once; its ce_source is \`/shop/${producer}\`.`,
      messages: channelMessages,
      'x-producer': producer,
    };
    operations[`receive${capitalize(channel)}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channel}` },
      title: `Subscribe to ${topic}`,
      summary: `Any service may consume ${topic} with a consumer group of its own.`,
      description:
        'Read the envelope from the ce_* headers, find the contract by ce_type and skip the types you do not handle; ' +
        'deduplicate on ce_id (delivery is at least once). Unknown data properties are tolerated: a producer may add optional fields. ' +
        'Which apps consume what today: `./shop events`.',
      messages: channelMessages,
      bindings: {
        kafka: {
          groupId: { type: 'string', description: "The subscriber's own consumer group: the shop's apps use their service name." },
          bindingVersion: KAFKA_BINDING_VERSION,
        },
      },
    };
  }

  return {
    asyncapi: '3.0.0',
    id: 'urn:event-shop:events',
    info: {
      title: 'event-shop events',
      version,
      description: [
        'Every event the shop publishes on Kafka, from its contracts library (@shop/event-contracts).',
        'One channel per topic (topics are per producing service), one message per versioned event type (`ce_type`, e.g. `shop.order.placed.v1`). ' +
          'An event is a CloudEvents 1.0 event in Kafka binary mode: its attributes are `ce_*` headers, the value is its JSON data, ' +
          'the key (also `ce_subject`) is what the event is about: the order id, or the sku for a product\'s stock events that belong to no order (a restock). ' +
          'Each topic has a `send` operation, by its producer, and a `receive` operation, for any subscriber.',
        REQUEST_REPLY_NOTE,
      ].join('\n\n'),
    },
    defaultContentType: JSON_CONTENT_TYPE,
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'Kafka as `./shop up` runs it and as `docker compose up` publishes it on the host (a second shop moves the port by SHOP_PORT_OFFSET).',
      },
    },
    channels,
    operations,
    components: { schemas, messages },
  };
}

/**
 * Why the request-reply calls are not channels here. They are point-to-point
 * calls between the gateway and the one service that answers each pattern,
 * with NestJS's own headers (correlation id, reply topic) rather than
 * CloudEvents: nothing to subscribe to, and a second consumer group on a
 * request topic would handle every request again. They are documented where
 * their users look: the library's README and `schemas:print` (both sides of
 * each call), and the gateway's OpenAPI document for the HTTP side.
 */
export const REQUEST_REPLY_NOTE =
  'Not here: the request-reply calls the gateway makes (`shop.order.place`, `shop.order.get`, ..., replies on `<pattern>.reply`). ' +
  'They are point-to-point calls between the gateway and the one service that answers each, not events to subscribe to ' +
  '(a second consumer group on a request topic would handle every request again). Their request and reply schemas: ' +
  '`pnpm --filter @shop/event-contracts schemas:print` and the library README; their HTTP side: the gateway\'s OpenAPI document (`/openapi.json`).';

/**
 * A payload schema: the published JSON Schema without `$schema`. AsyncAPI's
 * default schema format is a superset of JSON Schema draft-07; the keywords
 * zod writes here mean the same in draft-07 and 2020-12 (asyncapi.spec.ts checks the list).
 */
function payloadSchema(contract: AnyEventContract): JsonSchemaObject {
  const { $schema: _dialect, ...schema } = toPublishedJsonSchema(contract.schema, contract.type) as JsonSchemaObject;
  return schema;
}

function message(contract: AnyEventContract, payload: JsonSchemaObject, description: string | undefined, index: number): AsyncApiMessage {
  const producer = producerOf(contract.topic);
  const data = eventExample(contract.type) as Record<string, string>;
  const keySchema = (payload.properties as Record<string, JsonSchemaObject>)[contract.keyField];
  const { description: _keyDescription, ...key } = keySchema ?? { type: 'string' };
  return {
    name: contract.type,
    title: `${contract.type} (v${contract.version}, by ${producer})`,
    ...(description !== undefined && { summary: description }),
    contentType: JSON_CONTENT_TYPE,
    headers: {
      allOf: [
        { $ref: `#/components/schemas/${HEADERS_SCHEMA}` },
        // Each message pins its type, and its subject to its key's schema (a uuid for an order id).
        { type: 'object', properties: { [CE_HEADERS.type]: { const: contract.type }, [CE_HEADERS.subject]: key } },
      ],
    },
    payload: { $ref: `#/components/schemas/${contract.type}` },
    bindings: {
      kafka: {
        key: { ...key, description: KEY_DESCRIPTIONS[contract.keyField] },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    examples: [
      {
        name: `${messageId(contract)}Example`,
        summary: `A ${contract.type} event as it is on Kafka: its headers and value (its key is the ${contract.keyField}).`,
        headers: toKafkaHeaders({
          id: exampleId(index * 3 + 1),
          type: contract.type,
          source: `/shop/${producer}`,
          specversion: '1.0',
          time: '2025-01-02T03:04:05.678Z',
          subject: data[contract.keyField]!,
          correlationId: exampleId(0),
          causationId: exampleId(index * 3 + 2),
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        }),
        payload: data,
      },
    ],
  };
}

/** The headers every event carries (see envelope.ts). */
function cloudEventsHeadersSchema(): JsonSchemaObject {
  const uuid = { type: 'string', format: 'uuid' };
  return {
    type: 'object',
    title: 'CloudEvents 1.0 attributes in Kafka binary mode',
    description: 'Every event’s headers: the CloudEvents attributes as ce_-prefixed headers (extension names lowercase), the W3C trace context, the content type of the value.',
    required: [...Object.values(CE_HEADERS), CONTENT_TYPE_HEADER],
    properties: {
      [CE_HEADERS.id]: { ...uuid, description: 'Unique per event (its outbox row’s id): consumers deduplicate on it.' },
      [CE_HEADERS.type]: {
        type: 'string',
        pattern: '^shop\\.[a-z]+(?:-[a-z]+)*\\.[a-z]+(?:-[a-z]+)*\\.v[1-9][0-9]*$',
        description: 'The event type and its version, e.g. shop.order.placed.v1: which contract the value follows.',
      },
      [CE_HEADERS.source]: {
        type: 'string',
        pattern: '^/shop/[a-z][a-z0-9-]*$',
        description: 'The producing app, /shop/<app>, e.g. /shop/order.',
      },
      [CE_HEADERS.specversion]: { type: 'string', const: '1.0' },
      [CE_HEADERS.time]: { type: 'string', format: 'date-time', description: 'When the state change happened (ISO 8601).' },
      [CE_HEADERS.subject]: {
        type: 'string',
        minLength: 1,
        description: 'What the event is about, also the Kafka key: the order id (a UUID), or the sku for a product’s stock events that belong to no order.',
      },
      [CE_HEADERS.correlationId]: { type: 'string', minLength: 1, description: 'The id of the first event (or request) of the flow this event belongs to.' },
      [CE_HEADERS.causationId]: { type: 'string', minLength: 1, description: 'The id of the event (or request) that directly caused this one.' },
      [TRACE_HEADERS.traceparent]: {
        type: 'string',
        pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
        description: 'W3C trace context: the trace the event belongs to (absent when tracing is off).',
      },
      [TRACE_HEADERS.tracestate]: { type: 'string', description: 'W3C trace state, when there is one.' },
      [CONTENT_TYPE_HEADER]: { type: 'string', const: JSON_CONTENT_TYPE },
    },
  };
}

/** Why each kind of key, as the Kafka binding's key says it. */
const KEY_DESCRIPTIONS: Record<EventKeyField, string> = {
  orderId: 'The order id (also ce_subject): one order’s events stay in order on one partition.',
  sku: 'The sku (also ce_subject): one product’s stock events stay in order on one partition; no order is involved.',
};

/** How a topic's events are keyed, in a sentence for its channel. */
function keyingOf(contracts: readonly AnyEventContract[]): string {
  const bySku = contracts.filter((contract) => contract.keyField === 'sku').map((contract) => `\`${contract.type}\``);
  const byOrder = "Keyed by the order id, so one order's events keep their order on one partition";
  return bySku.length === 0 ? `${byOrder}.` : `${byOrder}; ${bySku.join(', ')}, which belong to no order, by the sku.`;
}

/** `orderPlacedV1`: the contract's name in `Events`. */
function messageId(contract: AnyEventContract): string {
  const entry = Object.entries(Events).find(([, value]) => value === contract);
  if (!entry) throw new Error(`${contract.type} is not in Events`);
  return entry[0];
}

/** `orderEvents`: the topic's name in `Topics`. */
function channelId(topic: Topic): string {
  const entry = Object.entries(Topics).find(([, value]) => value === topic);
  if (!entry) throw new Error(`unknown topic ${topic}`);
  return entry[0];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function exampleId(n: number): string {
  return `7d0c5e2a-1b3f-4c6d-8e9f-${n.toString(16).padStart(12, '0')}`;
}

/** The contracts library's version, from its package.json (one level above src/ and dist/). */
function contractsVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
