import { z } from 'zod';
import type { JsonSchema } from './compatibility.js';
import { ALL_EVENTS } from './events/catalog.js';
import { ALL_REQUESTS } from './requests/catalog.js';

export type SchemaCatalog = Record<string, JsonSchema>;

/**
 * The JSON Schema of a contract, as a consumer validates it: zod's input side,
 * so unknown properties are allowed (zod strips them), as a tolerant reader needs.
 */
export function toPublishedJsonSchema(schema: z.ZodType, title: string): JsonSchema {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  return { $schema, title, ...rest };
}

/**
 * Every published schema by name: event types by ce_type, request-reply calls
 * by their request topic and their reply topic.
 */
export function publishedJsonSchemas(): SchemaCatalog {
  const entries: [string, JsonSchema][] = [
    ...ALL_EVENTS.map((event): [string, JsonSchema] => [event.type, toPublishedJsonSchema(event.schema, event.type)]),
    ...ALL_REQUESTS.flatMap((request): [string, JsonSchema][] => [
      [request.pattern, toPublishedJsonSchema(request.requestSchema, request.pattern)],
      [request.replyTopic, toPublishedJsonSchema(request.replySchema, request.replyTopic)],
    ]),
  ];
  // Plain code-unit order, the same as the snapshot file's.
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
