import { type AsyncAPIDocumentInterface, DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { asyncApiDocument, type AsyncApiDocument, REQUEST_REPLY_NOTE } from './asyncapi.js';
import type { JsonSchemaObject } from './compatibility.js';
import { fromKafkaHeaders } from './envelope.js';
import { ALL_EVENTS, eventContractByType } from './events/catalog.js';
import { producerOf } from './events/event-list.js';
import { EVENT_TOPICS, REQUEST_TOPICS } from './index.js';

/**
 * Diagnostics accepted below error and warning, with why. Only this one:
 * the parser recommends the latest AsyncAPI (3.1.0); the document is 3.0.0
 * on purpose, the version every AsyncAPI 3 tool reads, and uses nothing 3.1 adds.
 */
const ACCEPTED = ['asyncapi-latest-version'];

/** JSON Schema keywords that mean the same in draft-07 (AsyncAPI's default schema format) and 2020-12 (what zod writes). */
const PORTABLE_KEYWORDS = new Set([
  'type', 'properties', 'required', 'items', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'anyOf', 'oneOf', 'allOf',
  'additionalProperties', 'title', 'description', 'examples', '$ref',
]);

describe('the AsyncAPI document', () => {
  const document = asyncApiDocument('1.2.3');
  let parsed: AsyncAPIDocumentInterface;

  beforeAll(async () => {
    const { document: result, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const problems = diagnostics.map((diagnostic) => ({
      severity: DiagnosticSeverity[diagnostic.severity],
      code: String(diagnostic.code),
      path: diagnostic.path.join('.'),
      message: diagnostic.message,
    }));
    // Fails on any error, and on any warning or information not accepted above.
    expect(problems.filter((problem) => !ACCEPTED.includes(problem.code))).toEqual([]);
    expect(result).toBeDefined();
    parsed = result!;
  });

  it('is AsyncAPI 3.0 and parses with @asyncapi/parser without an error or a warning', () => {
    expect(parsed.version()).toBe('3.0.0');
    expect(parsed.info().version()).toBe('1.2.3');
    expect(parsed.defaultContentType()).toBe('application/json');
  });

  it('has every event type of the catalog as a message, on its topic’s channel', () => {
    const onChannels = parsed.channels().all().flatMap((channel) => channel.messages().all().map((message) => `${message.name()} on ${channel.address()}`));
    expect(onChannels.sort()).toEqual(ALL_EVENTS.map((contract) => `${contract.type} on ${contract.topic}`).sort());
    expect(parsed.channels().all().map((channel) => channel.address())).toEqual([...EVENT_TOPICS]);
  });

  it('has each topic sent by its producer and received by any subscriber, with all of its messages', () => {
    for (const topic of EVENT_TOPICS) {
      const types = ALL_EVENTS.filter((contract) => contract.topic === topic).map((contract) => contract.type).sort();
      const operations = parsed.operations().all().filter((operation) => operation.channels().all().some((channel) => channel.address() === topic));
      expect(operations.map((operation) => operation.action()).sort()).toEqual(['receive', 'send']);
      for (const operation of operations) expect(operation.messages().all().map((message) => message.name()).sort()).toEqual(types);
      const send = operations.find((operation) => operation.action() === 'send')!;
      expect(send.json()['x-producer']).toBe(producerOf(topic));
    }
    expect(producerOf('shop.order.events')).toBe('order');
    expect(producerOf('shop.slack.events')).toBe('slack-notifier');
  });

  it('leaves the request-reply calls out, and says where they are', () => {
    const addresses = parsed.channels().all().map((channel) => channel.address());
    for (const topic of REQUEST_TOPICS) expect(addresses).not.toContain(topic);
    expect(parsed.info().description()).toContain(REQUEST_REPLY_NOTE);
    expect(REQUEST_REPLY_NOTE).toContain('/openapi.json');
  });

  it('gives every message its payload schema, the CloudEvents headers, its key (the order id, a restock’s sku), and an example', () => {
    for (const contract of ALL_EVENTS) {
      const message = parsed.channels().all().flatMap((channel) => channel.messages().all()).find((candidate) => candidate.name() === contract.type)!;
      expect(message.payload()?.title()).toBe(contract.type);
      const headers = message.headers()!.json() as { allOf: JsonSchemaObject[] };
      expect(headers.allOf[0]!.required).toEqual(expect.arrayContaining(['ce_id', 'ce_type', 'ce_source', 'ce_specversion', 'ce_time', 'ce_subject', 'ce_correlationid', 'ce_causationid', 'content-type']));
      expect(Object.keys(headers.allOf[0]!.properties as object)).toEqual(expect.arrayContaining(['traceparent', 'tracestate']));
      const key = message.bindings().get('kafka')?.value().key;
      if (contract.keyField === 'orderId') expect(key).toMatchObject({ type: 'string', format: 'uuid' });
      else expect(key).toMatchObject({ type: 'string', minLength: 1, maxLength: 64 });
      expect(message.examples().all()).toHaveLength(1);
    }
  });

  it('has examples that validate against their own payload and headers schemas (Ajv, draft-07), and against the contract', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    (addFormats as unknown as (ajv: Ajv) => void)(ajv);
    const check = (schema: unknown, data: unknown) => {
      const validate = ajv.compile(dereference(schema, document) as object);
      return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message}`);
    };
    for (const [id, message] of Object.entries(document.components.messages)) {
      const [example] = message.examples;
      const contract = eventContractByType(message.name)!;
      expect([id, check(message.payload, example!.payload)]).toEqual([id, []]);
      expect([id, check(message.headers, example!.headers)]).toEqual([id, []]);
      // A different type in ce_type is refused: each message's headers pin its type, and its subject to its key.
      expect(check(message.headers, { ...example!.headers, ce_type: 'shop.order.nope.v1' })).not.toEqual([]);
      if (contract.keyField === 'orderId') expect(check(message.headers, { ...example!.headers, ce_subject: 'MUG-01' })).not.toEqual([]);
      expect(contract.parse(example!.payload).success).toBe(true);
      const envelope = fromKafkaHeaders(example!.headers);
      expect([envelope.type, envelope.subject, envelope.source]).toEqual([contract.type, contract.key(example!.payload as never), `/shop/${producerOf(contract.topic)}`]);
    }
  });

  it('writes payload schemas with keywords that mean the same in draft-07 and 2020-12, and no $schema', () => {
    for (const contract of ALL_EVENTS) {
      const schema = document.components.schemas[contract.type]!;
      expect(schema).not.toHaveProperty('$schema');
      expect([contract.type, [...keywordsOf(schema)].filter((keyword) => !PORTABLE_KEYWORDS.has(keyword))]).toEqual([contract.type, []]);
    }
  });
});

/** Replaces local `$ref`s with what they point at (the document has no cycles). */
function dereference(value: unknown, root: AsyncApiDocument): unknown {
  if (Array.isArray(value)) return value.map((item) => dereference(item, root));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$ref === 'string') {
    const target = record.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key.replaceAll('~1', '/').replaceAll('~0', '~')], root);
    return dereference(target, root);
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, dereference(item, root)]));
}

/** Every keyword used in a schema, nested ones included (property names are not keywords). */
function keywordsOf(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((item) => keywordsOf(item, found));
  else if (typeof schema === 'object' && schema !== null) {
    for (const [keyword, value] of Object.entries(schema)) {
      found.add(keyword);
      if (keyword === 'properties') Object.values(value as object).forEach((property) => keywordsOf(property, found));
      else if (keyword !== 'enum' && keyword !== 'const' && keyword !== 'examples') keywordsOf(value, found);
    }
  }
  return found;
}
