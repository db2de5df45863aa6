import type { z } from 'zod';
import { safeParseWith, type ParseResult } from '../parse-result.js';
import { replySchemaOf, type Reply } from './reply.js';
import { replyTopicOf, type ReplyTopic } from './request-patterns.js';

/** One request-reply call: its topics and the shapes of both messages. */
export interface RequestContract<Request = unknown, Value = unknown, Pattern extends string = string> {
  /** The request topic and the NestJS message pattern. */
  readonly pattern: Pattern;
  readonly replyTopic: ReplyTopic<Pattern>;
  readonly requestSchema: z.ZodType<Request>;
  /** The value of a successful reply alone (what the gateway answers a client with). */
  readonly valueSchema: z.ZodType<Value>;
  /** The whole reply: `{ ok: true, value }` or `{ ok: false, error }`. */
  readonly replySchema: z.ZodType<Reply<Value>>;
  parseRequest(data: unknown): ParseResult<Request>;
  parseReply(data: unknown): ParseResult<Reply<Value>>;
}

export type RequestOf<Contract> = Contract extends RequestContract<infer Request, unknown, string> ? Request : never;

export type ReplyValueOf<Contract> = Contract extends RequestContract<unknown, infer Value, string> ? Value : never;

export function defineRequest<Request, Value, Pattern extends string>(spec: {
  pattern: Pattern;
  request: z.ZodType<Request>;
  /** The value of a successful reply; the error branch is common to every request. */
  reply: z.ZodType<Value>;
}): RequestContract<Request, Value, Pattern> {
  const replySchema: z.ZodType<Reply<Value>> = replySchemaOf(spec.reply);
  return {
    pattern: spec.pattern,
    replyTopic: replyTopicOf(spec.pattern),
    requestSchema: spec.request,
    valueSchema: spec.reply,
    replySchema,
    parseRequest: (data) => safeParseWith(spec.request, data),
    parseReply: (data) => safeParseWith(replySchema, data),
  };
}
