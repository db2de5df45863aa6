import type { Reply } from '@shop/event-contracts';

export type ReplyErrorCode = 'INVALID' | 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE' | 'INTERNAL';

export const ok = <Value>(value: Value): Reply<Value> => ({ ok: true, value });

export const fail = (code: ReplyErrorCode, message: string): Reply<never> => ({ ok: false, error: { code, message } });
