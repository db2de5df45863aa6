import type { IHeaders } from 'kafkajs';

/** Kafka headers as text (kafkajs gives Buffers), the first value of a repeated one. */
export function textHeaders(headers: IHeaders = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, String(Array.isArray(value) ? value[0] : value)]),
  );
}
