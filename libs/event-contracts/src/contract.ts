import type { z } from 'zod';

export type ParseResult<Data> = { success: true; data: Data } | { success: false; error: string };

/**
 * One versioned event type: where it is published, how it is keyed, what its
 * data looks like. Producers and consumers import the same object.
 */
export interface EventContract<Data = unknown> {
  /** CloudEvents type, e.g. `shop.order.placed.v1`. */
  readonly type: string;
  readonly topic: string;
  readonly version: number;
  readonly schema: z.ZodType<Data>;
  /** The Kafka key: the order id, so one order's events stay in order on one partition. */
  key(data: Data): string;
  /** Validates untrusted data (from Kafka) without throwing; the error names each bad field. */
  parse(data: unknown): ParseResult<Data>;
}

export type EventData<Contract> = Contract extends EventContract<infer Data> ? Data : never;

export function defineEvent<Data>(spec: {
  type: string;
  topic: string;
  version: number;
  schema: z.ZodType<Data>;
  key: (data: Data) => string;
}): EventContract<Data> {
  return {
    ...spec,
    parse(data) {
      const result = spec.schema.safeParse(data);
      if (result.success) return { success: true, data: result.data };
      return {
        success: false,
        error: result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '),
      };
    },
  };
}
