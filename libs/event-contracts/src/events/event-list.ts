import type { JsonSchemaObject } from '../compatibility.js';
import type { EventKeyField } from '../contract.js';
import { toPublishedJsonSchema } from '../json-schemas.js';
import { type Topic } from '../topics.js';
import { ALL_EVENTS, type EventType } from './catalog.js';

/**
 * Who produces a topic's events: the topic names its producing service
 * (`shop.<service>.events`, so `shop.order.events` → `order`). The service
 * is the app of that name under apps/, whose outbox writes `ce_source`
 * `/shop/<app>`; the one app whose name is longer than its topic's word is
 * listed here (`./shop events`' spec checks every producer is an app).
 */
export function producerOf(topic: Topic | string): string {
  const service = /^shop\.([a-z]+(?:-[a-z]+)*)\.events$/.exec(topic)?.[1];
  if (service === undefined) throw new Error(`${topic} is not an event topic (shop.<service>.events)`);
  return APP_OF_SERVICE[service] ?? service;
}

/** Topic word → app, where they differ: the Slack notifier publishes shop.slack.events. */
const APP_OF_SERVICE: Readonly<Record<string, string>> = { slack: 'slack-notifier' };

/** One top-level field of an event's data. */
export interface EventField {
  name: string;
  /** Its type in a few words, from the JSON Schema: `string (uuid)`, `integer`, `{sku, quantity}[]`, `"customer" | "system"`. */
  type: string;
  required: boolean;
  description?: string;
}

/** An event type as a subscriber (or a generator offering `--events` choices) needs to know it. */
export interface EventTypeDescription {
  type: EventType;
  version: number;
  topic: string;
  /** The app producing it (see producerOf). */
  producer: string;
  /** The field of the data that is the Kafka key (and ce_subject): the order id, or the sku of a product's stock event. */
  key: EventKeyField;
  /** What the event says happened (its schema's description). */
  description?: string;
  fields: EventField[];
}

/** Every event type of the catalog with its topic, producer and top-level fields, in catalog order. */
export function describeEvents(): EventTypeDescription[] {
  return ALL_EVENTS.map((contract) => {
    const schema = toPublishedJsonSchema(contract.schema, contract.type) as JsonSchemaObject;
    return {
      type: contract.type,
      version: contract.version,
      topic: contract.topic,
      producer: producerOf(contract.topic),
      key: contract.keyField,
      ...(typeof schema.description === 'string' && { description: schema.description }),
      fields: fieldsOf(schema),
    };
  });
}

/** The properties of an object schema, each with its type label, in the schema's order. */
export function fieldsOf(schema: JsonSchemaObject): EventField[] {
  const properties = asRecord(schema.properties);
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return Object.entries(properties).map(([name, raw]) => {
    const property = asRecord(raw);
    return {
      name,
      type: typeLabel(property),
      required: required.includes(name),
      ...(typeof property.description === 'string' && { description: property.description }),
    };
  });
}

/** A JSON Schema's type in a few words. Nested objects show their property names (`?` when optional). */
export function typeLabel(schema: JsonSchemaObject): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  const alternatives = [schema.anyOf, schema.oneOf].find(Array.isArray) as unknown[] | undefined;
  if (alternatives) return alternatives.map((alternative) => typeLabel(asRecord(alternative))).join(' | ');
  if (schema.type === 'array') {
    const item = typeLabel(asRecord(schema.items));
    return `${item.includes(' ') && !item.startsWith('{') ? `(${item})` : item}[]`;
  }
  if (schema.type === 'object' || schema.properties !== undefined) {
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const names = Object.keys(asRecord(schema.properties)).map((name) => (required.includes(name) ? name : `${name}?`));
    return names.length > 0 ? `{${names.join(', ')}}` : 'object';
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : typeof schema.type === 'string' ? schema.type : 'any';
  return typeof schema.format === 'string' ? `${type} (${schema.format})` : type;
}

function asRecord(value: unknown): JsonSchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchemaObject) : {};
}
