import { customerIdSchema } from '@shop/event-contracts';
import { z } from 'zod';

export const signInBodySchema = z.object({ customerId: customerIdSchema }).strict().describe('Who to sign in as: any customer id, in the demo.');

export const tokenResponseSchema = z
  .object({
    access_token: z.string().min(1).describe('A JWT: send it as Authorization: Bearer <access_token>.'),
    token_type: z.literal('Bearer'),
    expires_in: z.int().positive().describe('Seconds until it expires.'),
    customerId: customerIdSchema,
  })
  .describe('A customer token (the field names of OAuth 2.0, RFC 6749 §5.1).');
