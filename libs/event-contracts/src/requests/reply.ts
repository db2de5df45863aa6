import { z } from 'zod';

/** Why a request failed; the gateway maps each code to one HTTP status. */
export const replyErrorCodeSchema = z.enum(['INVALID', 'NOT_FOUND', 'CONFLICT', 'UNAVAILABLE', 'INTERNAL']);

export type ReplyErrorCode = z.infer<typeof replyErrorCodeSchema>;

export const replyErrorSchema = z.object({
  code: replyErrorCodeSchema,
  message: z.string().min(1).max(2000),
  issues: z
    .array(z.object({ path: z.string().min(1), message: z.string().min(1) }))
    .optional()
    .describe('For INVALID: each bad field, so the gateway can answer a precise 400.'),
});

export type ReplyError = z.infer<typeof replyErrorSchema>;

/** Errors are values, not thrown RpcExceptions, so every reply is validated like any other message. */
export type Reply<Value> = { ok: true; value: Value } | { ok: false; error: ReplyError };

export function replySchemaOf<Value>(value: z.ZodType<Value>) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: replyErrorSchema }),
  ]);
}

export function okReply<Value>(value: Value): Reply<Value> {
  return { ok: true, value };
}

export function errorReply<Value = never>(
  code: ReplyErrorCode,
  message: string,
  issues?: ReplyError['issues'],
): Reply<Value> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}
