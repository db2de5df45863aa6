import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { customerIdSchema, emailAddressSchema, orderIdSchema } from '../../fields/identifiers.js';
import { orderItemsSchema } from '../../fields/order-lines.js';
import { shippingAddressSchema } from '../../fields/shipping-address.js';
import { Topics } from '../../topics.js';

export const orderPlacedV1Schema = z
  .object({
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    email: emailAddressSchema,
    items: orderItemsSchema.describe('What was ordered; unpriced, the inventory prices it when reserving.'),
    shippingAddress: shippingAddressSchema,
  })
  .describe('A customer placed an order; it is PENDING until the inventory reserves or refuses the stock.');

export type OrderPlacedV1 = z.infer<typeof orderPlacedV1Schema>;

export const orderPlacedV1 = defineEvent({
  type: 'shop.order.placed.v1',
  topic: Topics.orderEvents,
  version: 1,
  schema: orderPlacedV1Schema,
  key: (data) => data.orderId,
});
