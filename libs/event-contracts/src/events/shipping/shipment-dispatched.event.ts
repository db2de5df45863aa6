import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { orderIdSchema, shipmentIdSchema } from '../../fields/identifiers.js';
import { trackingShape } from '../../fields/tracking.js';
import { Topics } from '../../topics.js';

export const shipmentDispatchedV1Schema = z
  .object({ shipmentId: shipmentIdSchema, orderId: orderIdSchema, ...trackingShape })
  .describe('The carrier took the parcel; the order becomes SHIPPED.');

export type ShipmentDispatchedV1 = z.infer<typeof shipmentDispatchedV1Schema>;

export const shipmentDispatchedV1 = defineEvent({
  type: 'shop.shipping.shipment-dispatched.v1',
  topic: Topics.shippingEvents,
  version: 1,
  schema: shipmentDispatchedV1Schema,
  key: (data) => data.orderId,
});
