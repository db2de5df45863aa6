import { z } from 'zod';
import { customerIdSchema, emailAddressSchema, orderIdSchema } from '../../fields/identifiers.js';
import { nonEmptyText } from '../../fields/text.js';
import { orderItemsSchema } from '../../fields/order-lines.js';
import { orderStatusSchema } from '../../fields/order-status.js';
import { shippingAddressSchema } from '../../fields/shipping-address.js';
import { defineRequest } from '../define-request.js';
import { RequestPatterns } from '../request-patterns.js';

export const placeOrderRequest = defineRequest({
  pattern: RequestPatterns.placeOrder,
  request: z.object({
    customerId: customerIdSchema,
    email: emailAddressSchema,
    items: orderItemsSchema,
    shippingAddress: shippingAddressSchema,
    idempotencyKey: nonEmptyText(255).describe(
      "The client's Idempotency-Key: the same key from the same customer answers the same order.",
    ),
  }),
  reply: z.object({ orderId: orderIdSchema, status: orderStatusSchema }),
});
