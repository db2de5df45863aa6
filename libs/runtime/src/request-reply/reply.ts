import type { Reply, ReplyError } from '@shop/event-contracts';

export type ReplyErrorCode = 'INVALID' | 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE' | 'INTERNAL';

export const ok = <Value>(value: Value): Reply<Value> => ({ ok: true, value });

/** An error reply; for INVALID, `issues` names each bad field so the gateway can answer a precise 400. */
export const fail = (code: ReplyErrorCode, message: string, issues?: ReplyError['issues']): Reply<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});
