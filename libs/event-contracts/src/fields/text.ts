import { z } from 'zod';

/** Free text that must say something, bounded so one bad message cannot bloat every read model. */
export const nonEmptyText = (maxLength: number) => z.string().min(1).max(maxLength);
