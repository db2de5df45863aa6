import type { Serializer } from '@nestjs/microservices';

/**
 * Sends a request handler's reply as the whole Kafka message value. NestJS's
 * default serializer takes any object with a `key` or `value` property for a
 * Kafka message itself, so `{ ok: true, value }` would go out as just `value`.
 */
export class ReplySerializer implements Serializer<unknown, { value: string | null; headers: Record<string, string> }> {
  serialize(reply: unknown) {
    return { value: reply === undefined ? null : JSON.stringify(reply), headers: {} };
  }
}
