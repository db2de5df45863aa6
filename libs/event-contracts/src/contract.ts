import type { z } from 'zod';
import { safeParseWith, type ParseResult } from './parse-result.js';

export type { ParseIssue, ParseResult } from './parse-result.js';

/**
 * One versioned event type: where it is published, how it is keyed, what its
 * data looks like. Producers and consumers import the same object.
 */
export interface EventContract<Data = unknown, Type extends string = string> {
  /** CloudEvents type, e.g. `shop.order.placed.v1`. */
  readonly type: Type;
  readonly topic: string;
  readonly version: number;
  readonly schema: z.ZodType<Data>;
  /** The Kafka key: the order id, so one order's events stay in order on one partition. */
  key(data: Data): string;
  /** Validates untrusted data (from Kafka) without throwing; the error names each bad field. */
  parse(data: unknown): ParseResult<Data>;
}

export type EventData<Contract> = Contract extends EventContract<infer Data, string> ? Data : never;

export function defineEvent<Data, Type extends string = string>(spec: {
  type: Type;
  topic: string;
  version: number;
  schema: z.ZodType<Data>;
  key: (data: Data) => string;
}): EventContract<Data, Type> {
  return {
    ...spec,
    parse: (data) => safeParseWith(spec.schema, data),
  };
}
