import type { z } from 'zod';
import { safeParseWith, type ParseResult } from './parse-result.js';

export type { ParseIssue, ParseResult } from './parse-result.js';

/**
 * The field of an event's data that is its Kafka key (and ce_subject): what
 * the event is about, whose events must stay in order on one partition. An
 * order's events are keyed by the order id; a product's stock events that
 * belong to no order (a restock) by the sku. A new kind of key is a new
 * member here, so every consumer that files events by their key (history)
 * fails to build until it knows where to file it.
 */
export type EventKeyField = 'orderId' | 'sku';

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
  /** Which field of the data the key is (see EventKeyField). */
  readonly keyField: EventKeyField;
  /** The Kafka key, e.g. the order id, so one order's events stay in order on one partition. */
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
  /** Which field `key` returns: the order id unless said otherwise (catalog.spec.ts checks they agree). */
  keyField?: EventKeyField;
}): EventContract<Data, Type> {
  return {
    ...spec,
    keyField: spec.keyField ?? 'orderId',
    parse: (data) => safeParseWith(spec.schema, data),
  };
}
