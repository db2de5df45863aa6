import { z } from 'zod';

/** PENDING → CONFIRMED → SHIPPED, or REJECTED (no stock), or CANCELLED. */
export const orderStatusSchema = z.enum(['PENDING', 'CONFIRMED', 'SHIPPED', 'REJECTED', 'CANCELLED']);

export type OrderStatus = z.infer<typeof orderStatusSchema>;
