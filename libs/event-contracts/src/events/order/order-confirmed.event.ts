import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { customerIdSchema, emailAddressSchema, orderIdSchema } from '../../fields/identifiers.js';
import { pricedOrderShape, totalMatchesLines } from '../../fields/order-lines.js';
import { shippingAddressSchema } from '../../fields/shipping-address.js';
import { Topics } from '../../topics.js';

export const orderConfirmedV1Schema = z
  .object({
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    email: emailAddressSchema,
    ...pricedOrderShape,
    shippingAddress: shippingAddressSchema,
  })
  .superRefine(totalMatchesLines)
  .describe('The stock is reserved and priced; the order is CONFIRMED and ready to ship.');

export type OrderConfirmedV1 = z.infer<typeof orderConfirmedV1Schema>;

export const orderConfirmedV1 = defineEvent({
  type: 'shop.order.confirmed.v1',
  topic: Topics.orderEvents,
  version: 1,
  schema: orderConfirmedV1Schema,
  key: (data) => data.orderId,
});
