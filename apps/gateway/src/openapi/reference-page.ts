import type { AsyncApiDocument } from '@shop/event-contracts';
import { escapeHtml, type HtmlPage, htmlPage, prettyJson } from '../pages/html.js';
import type { JsonSchema } from './api-schemas.js';
import {
  ASYNCAPI_PATH,
  DOCS_PATH,
  type HttpMethod,
  OPENAPI_PATH,
  type OpenApiDocument,
  type Operation,
  type Parameter,
  type Ref,
  type Response,
} from './openapi-document.js';

/**
 * The reference, at /docs/reference: the OpenAPI document as a page that
 * needs nothing else: every operation (parameters, body, responses) and every
 * schema, rendered on the server, every string from the document escaped. No
 * script at all. Then the events of the AsyncAPI document (served at
 * /asyncapi.json), by topic, which the interactive page (/docs, Swagger UI)
 * has no place for.
 */
export function referencePage(document: OpenApiDocument, asyncApi: AsyncApiDocument): HtmlPage {
  const operations = operationsOf(document);
  const schemaNames = Object.keys(document.components.schemas);
  const topics = topicsOf(asyncApi);
  const body = [
    '<header>',
    `<h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>`,
    `<p>${escapeHtml(document.info.description ?? '')}</p>`,
    `<p class="links">OpenAPI ${escapeHtml(document.openapi)}: <a href="${OPENAPI_PATH}">${OPENAPI_PATH}</a> · ` +
      `the events, AsyncAPI ${escapeHtml(asyncApi.asyncapi)}: <a href="${ASYNCAPI_PATH}">${ASYNCAPI_PATH}</a> · ` +
      `<a href="${DOCS_PATH}">try the API</a> · <a href="/">the storefront</a></p>`,
    '</header>',
    '<nav><h2>Operations</h2><ul>',
    ...operations.map(({ method, path, operation }) => `<li><a href="#op-${anchor(operation.operationId)}">${methodBadge(method)} <code>${escapeHtml(path)}</code></a> ${escapeHtml(operation.summary)}</li>`),
    '</ul><h2>Schemas</h2><ul class="schemas">',
    ...schemaNames.map((name) => `<li>${schemaLink(name)}</li>`),
    '</ul><h2>Events</h2><ul class="topics">',
    ...topics.map((topic) => `<li><a href="#topic-${anchor(topic.address)}"><code>${escapeHtml(topic.address)}</code></a></li>`),
    '</ul></nav>',
    '<main>',
    ...document.tags.flatMap((tag) => {
      const tagged = operations.filter(({ operation }) => operation.tags.includes(tag.name));
      if (tagged.length === 0) return [];
      return [`<h2>${escapeHtml(tag.name)}</h2>`, tag.description ? `<p>${escapeHtml(tag.description)}</p>` : '', ...tagged.map((entry) => renderOperation(entry, document))];
    }),
    '<h2 id="schemas">Schemas</h2>',
    ...schemaNames.map((name) => renderComponentSchema(name, document.components.schemas[name]!)),
    renderEvents(topics),
    '</main>',
  ].join('\n');
  return htmlPage({ title: `${document.info.title}: API reference`, style: STYLE, body });
}

/** A topic of the AsyncAPI document: who sends it and its event types. */
interface TopicEntry {
  address: string;
  producer: string | undefined;
  events: { type: string; summary: string | undefined; fields: string[] }[];
}

/** The channels of the AsyncAPI document with their producer (the send operation's) and messages, fields `?` when optional. */
function topicsOf(asyncApi: AsyncApiDocument): TopicEntry[] {
  const local = (ref: string) => ref.split('/').at(-1)!;
  return Object.entries(asyncApi.channels).map(([id, channel]) => {
    const send = Object.values(asyncApi.operations).find((operation) => operation.action === 'send' && operation.channel.$ref === `#/channels/${id}`);
    const events = Object.values(channel.messages).map((ref) => {
      const message = asyncApi.components.messages[local(ref.$ref)]!;
      const payload = asyncApi.components.schemas[local(message.payload.$ref)] ?? {};
      const required = Array.isArray(payload.required) ? (payload.required as string[]) : [];
      const properties = isObject(payload.properties) ? Object.keys(payload.properties) : [];
      return { type: message.name, summary: message.summary, fields: properties.map((name) => (required.includes(name) ? name : `${name}?`)) };
    });
    return { address: channel.address, producer: send?.['x-producer'], events };
  });
}

/** The events section: each topic, its producer, and its event types with their fields. */
function renderEvents(topics: TopicEntry[]): string {
  return [
    '<h2 id="events">Events</h2>',
    '<p>What the shop publishes on Kafka, for any service to subscribe to with a consumer group of its own: CloudEvents 1.0 in binary mode ' +
      '(<code>ce_*</code> headers, the JSON data as the value), keyed by the order id. Every header, payload schema and an example per type: ' +
      `<a href="${ASYNCAPI_PATH}">${ASYNCAPI_PATH}</a> (AsyncAPI 3.0); which apps consume each type: <code>./shop events</code>.</p>`,
    ...topics.map((topic) =>
      [
        `<section class="topic" id="topic-${anchor(topic.address)}">`,
        `<h3><code>${escapeHtml(topic.address)}</code>${topic.producer ? ` <small>produced by ${escapeHtml(topic.producer)}</small>` : ''}</h3>`,
        '<table><thead><tr><th>type</th><th>what happened</th><th>fields</th></tr></thead><tbody>',
        ...topic.events.map(
          (event) =>
            `<tr id="event-${anchor(event.type)}"><td><code>${escapeHtml(event.type)}</code></td><td>${escapeHtml(event.summary ?? '')}</td>` +
            `<td class="fields">${event.fields.map((field) => `<code>${escapeHtml(field)}</code>`).join(' ')}</td></tr>`,
        ),
        '</tbody></table>',
        '</section>',
      ].join('\n'),
    ),
  ].join('\n');
}

interface Entry {
  method: HttpMethod;
  path: string;
  operation: Operation;
}

function operationsOf(document: OpenApiDocument): Entry[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method: method as HttpMethod, path, operation: operation! })),
  );
}

function renderOperation({ method, path, operation }: Entry, document: OpenApiDocument): string {
  const parameters = (operation.parameters ?? []).map((parameter) => resolve<Parameter>(parameter, document));
  const parts = [
    `<section class="operation" id="op-${anchor(operation.operationId)}">`,
    `<h3>${methodBadge(method)} <code>${escapeHtml(path)}</code> <span class="summary">${escapeHtml(operation.summary)}</span></h3>`,
    operation.description ? `<p>${escapeHtml(operation.description)}</p>` : '',
  ];
  if (parameters.length > 0) {
    parts.push(
      '<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>schema</th><th>description</th></tr></thead><tbody>',
      ...parameters.map(
        (parameter) =>
          `<tr><td><code>${escapeHtml(parameter.name)}</code>${parameter.required ? ' <span class="required">required</span>' : ''}</td>` +
          `<td>${escapeHtml(parameter.in)}</td><td>${typeLabel(parameter.schema)}${constraints(parameter.schema)}</td>` +
          `<td>${escapeHtml(parameter.description ?? '')}${parameter.example === undefined ? '' : ` e.g. <code>${escapeHtml(String(parameter.example))}</code>`}</td></tr>`,
      ),
      '</tbody></table>',
    );
  }
  if (operation.requestBody) {
    const { required, content } = operation.requestBody;
    parts.push(`<h4>Request body${required ? ' <span class="required">required</span>' : ' (optional)'}</h4>`, renderContent(content));
  }
  parts.push('<h4>Responses</h4><table class="responses"><tbody>');
  for (const [status, raw] of Object.entries(operation.responses)) {
    const response = resolve<Response>(raw, document);
    const headers = Object.keys(response.headers ?? {}).map((name) => `<code>${escapeHtml(name)}</code>`);
    parts.push(
      `<tr><th class="status s${escapeHtml(status.charAt(0))}">${escapeHtml(status)}</th><td>${escapeHtml(response.description)}` +
        (headers.length > 0 ? `<div class="headers">headers: ${headers.join(', ')}</div>` : '') +
        (response.content ? renderContent(response.content) : '') +
        '</td></tr>',
    );
  }
  parts.push('</tbody></table>', '</section>');
  return parts.join('\n');
}

function renderContent(content: Record<string, { schema: JsonSchema; example?: unknown }>): string {
  return Object.entries(content)
    .map(
      ([type, { schema, example }]) =>
        `<div class="content"><span class="media">${escapeHtml(type)}</span> ${typeLabel(schema)}` +
        (example === undefined ? '' : `<details><summary>example</summary><pre>${prettyJson(example)}</pre></details>`) +
        '</div>',
    )
    .join('');
}

function renderComponentSchema(name: string, schema: JsonSchema): string {
  return [
    `<section class="schema" id="schema-${anchor(name)}">`,
    `<h3>${escapeHtml(name)} <small>${typeLabel({ ...schema, description: undefined })}</small></h3>`,
    typeof schema.description === 'string' ? `<p>${escapeHtml(schema.description)}</p>` : '',
    constraints(schema) ? `<p>${constraints(schema)}</p>` : '',
    renderProperties(schema),
    `<details><summary>JSON Schema</summary><pre>${prettyJson(schema)}</pre></details>`,
    '</section>',
  ].join('\n');
}

/** An object's properties as a nested list; an array's items' properties likewise. */
function renderProperties(schema: JsonSchema): string {
  const inner = isObject(schema.items) ? schema.items : undefined;
  if (inner && !inner.$ref) return renderProperties(inner);
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  if (!properties) return '';
  const required = Array.isArray(schema.required) ? schema.required : [];
  const items = Object.entries(properties).map(([name, raw]) => {
    const property = isObject(raw) ? raw : {};
    return (
      `<li><code>${escapeHtml(name)}</code> ${typeLabel(property)}` +
      (required.includes(name) ? ' <span class="required">required</span>' : '') +
      (typeof property.description === 'string' ? ` <span class="description">${escapeHtml(property.description)}</span>` : '') +
      constraints(property) +
      renderProperties(property) +
      '</li>'
    );
  });
  return `<ul class="properties">${items.join('')}</ul>`;
}

/** What a schema is, in a few words: `string`, `array of OrderItem`, `map of string to object`, a link for a $ref. */
function typeLabel(schema: JsonSchema): string {
  if (typeof schema.$ref === 'string') return schemaLink(schema.$ref.split('/').at(-1)!);
  if (schema.const !== undefined) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((value) => `<code>${escapeHtml(JSON.stringify(value))}</code>`).join(', ')}`;
  const alternatives = [schema.anyOf, schema.oneOf].find(Array.isArray);
  if (alternatives) return `one of: ${alternatives.map((alternative) => typeLabel(isObject(alternative) ? alternative : {})).join(' | ')}`;
  if (schema.type === 'array') return `array of ${typeLabel(isObject(schema.items) ? schema.items : {})}`;
  if (schema.type === 'object' && isObject(schema.additionalProperties) && !schema.properties) {
    return `<span class="type">map of string to</span> ${typeLabel(schema.additionalProperties)}`;
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : typeof schema.type === 'string' ? schema.type : 'any';
  return `<span class="type">${escapeHtml(type)}</span>`;
}

/** Bounds, formats and patterns, the rules the gateway validates. */
function constraints(schema: JsonSchema): string {
  const rules: string[] = [];
  const add = (keyword: string, label: (value: unknown) => string) => {
    const value = schema[keyword];
    // zod's integers carry the largest safe integer as their maximum: no rule worth showing.
    if (value !== undefined && value !== Number.MAX_SAFE_INTEGER) rules.push(label(value));
  };
  add('format', (value) => `format ${String(value)}`);
  add('minLength', (value) => `≥ ${String(value)} chars`);
  add('maxLength', (value) => `≤ ${String(value)} chars`);
  add('minimum', (value) => `≥ ${String(value)}`);
  add('exclusiveMinimum', (value) => `> ${String(value)}`);
  add('maximum', (value) => `≤ ${String(value)}`);
  add('exclusiveMaximum', (value) => `< ${String(value)}`);
  add('minItems', (value) => `≥ ${String(value)} items`);
  add('maxItems', (value) => `≤ ${String(value)} items`);
  if (typeof schema.pattern === 'string' && schema.format === undefined) rules.push(`pattern <code>${escapeHtml(schema.pattern)}</code>`);
  return rules.length > 0 ? ` <span class="constraints">${rules.map((rule) => (rule.startsWith('pattern') ? rule : escapeHtml(rule))).join(', ')}</span>` : '';
}

function resolve<Target>(value: Target | Ref, document: OpenApiDocument): Target {
  if (!isObject(value) || typeof value.$ref !== 'string') return value as Target;
  const [, , kind, name] = value.$ref.split('/') as [string, string, keyof OpenApiDocument['components'], string];
  const target = (document.components[kind] as Record<string, unknown> | undefined)?.[name];
  if (target === undefined) throw new Error(`unresolved ${value.$ref}`);
  return target as Target;
}

function schemaLink(name: string): string {
  return `<a class="schema-link" href="#schema-${anchor(name)}">${escapeHtml(name)}</a>`;
}

function methodBadge(method: string): string {
  return `<span class="method ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span>`;
}

/** An id fragment made of safe characters only. */
function anchor(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1d2430; --muted: #5b6473; --line: #d9dee6; --bg: #fff; --code: #f3f5f8; }
@media (prefers-color-scheme: dark) { :root { --fg: #e4e8ee; --muted: #9aa4b2; --line: #343b46; --bg: #15191f; --code: #1f252d; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); display: grid; grid-template-columns: minmax(14rem, 20rem) 1fr; }
header { grid-column: 1 / -1; padding: 1rem 2rem; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 .25rem; font-size: 1.5rem; }
header small, h3 small { color: var(--muted); font-weight: normal; }
nav { padding: 1rem; border-right: 1px solid var(--line); font-size: .9rem; }
nav ul { list-style: none; padding: 0; margin: 0 0 1rem; }
nav li { margin: .2rem 0; }
nav h2 { font-size: 1rem; }
main { padding: 0 2rem 4rem; min-width: 0; }
main > h2 { margin-top: 2rem; border-bottom: 1px solid var(--line); text-transform: capitalize; }
section { border: 1px solid var(--line); border-radius: 6px; padding: .25rem 1rem .75rem; margin: 1rem 0; }
h3 { font-size: 1.05rem; }
h4 { margin: .75rem 0 .25rem; font-size: .95rem; }
a { color: #2463eb; }
code, pre { font: 13px/1.4 ui-monospace, monospace; background: var(--code); border-radius: 3px; }
code { padding: 0 .25rem; }
pre { padding: .5rem; overflow: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; border-top: 1px solid var(--line); padding: .35rem .5rem; }
.method { display: inline-block; min-width: 3.5rem; text-align: center; border-radius: 3px; color: #fff; font: bold 12px/1.6 ui-monospace, monospace; }
.method.get { background: #2f7d4f; } .method.post { background: #2463eb; } .method.put, .method.patch { background: #a05a00; } .method.delete { background: #b42318; }
.status.s2 { color: #2f7d4f; } .status.s4 { color: #a05a00; } .status.s5, .status.sd { color: #b42318; }
.required { color: #b42318; font-size: .8rem; }
.constraints, .headers, .description, .media { color: var(--muted); font-size: .85rem; }
.properties { margin: .25rem 0; padding-left: 1.25rem; }
.fields code { display: inline-block; margin: 0 .15rem .15rem 0; }
details summary { cursor: pointer; color: var(--muted); font-size: .85rem; }
@media (max-width: 50rem) { body { display: block; } nav { border-right: 0; } }
`;
