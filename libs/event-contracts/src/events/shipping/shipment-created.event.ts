import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { orderIdSchema, shipmentIdSchema } from '../../fields/identifiers.js';
import { shippingAddressSchema } from '../../fields/shipping-address.js';
import { Topics } from '../../topics.js';

export const shipmentCreatedV1Schema = z
  .object({ shipmentId: shipmentIdSchema, orderId: orderIdSchema, shippingAddress: shippingAddressSchema })
  .describe('A shipment was opened for a confirmed order and waits for a carrier.');

export type ShipmentCreatedV1 = z.infer<typeof shipmentCreatedV1Schema>;

export const shipmentCreatedV1 = defineEvent({
  type: 'shop.shipping.shipment-created.v1',
  topic: Topics.shippingEvents,
  version: 1,
  schema: shipmentCreatedV1Schema,
  key: (data) => data.orderId,
});
