import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { customerIdSchema, emailAddressSchema, orderIdSchema, shipmentIdSchema } from '../../fields/identifiers.js';
import { shippingAddressSchema } from '../../fields/shipping-address.js';
import { trackingShape } from '../../fields/tracking.js';
import { Topics } from '../../topics.js';

export const orderShippedV1Schema = z
  .object({
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    email: emailAddressSchema,
    shipmentId: shipmentIdSchema,
    ...trackingShape,
    shippingAddress: shippingAddressSchema,
  })
  .describe('The shipment left with the carrier; the order is SHIPPED (final).');

export type OrderShippedV1 = z.infer<typeof orderShippedV1Schema>;

export const orderShippedV1 = defineEvent({
  type: 'shop.order.shipped.v1',
  topic: Topics.orderEvents,
  version: 1,
  schema: orderShippedV1Schema,
  key: (data) => data.orderId,
});
