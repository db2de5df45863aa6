import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { orderIdSchema, shipmentIdSchema } from '../../fields/identifiers.js';
import { nonEmptyText } from '../../fields/text.js';
import { Topics } from '../../topics.js';

export const shipmentFailedV1Schema = z
  .object({ shipmentId: shipmentIdSchema, orderId: orderIdSchema, reason: nonEmptyText(500) })
  .describe('The shipment cannot be made; the order saga compensates (cancels and releases the stock).');

export type ShipmentFailedV1 = z.infer<typeof shipmentFailedV1Schema>;

export const shipmentFailedV1 = defineEvent({
  type: 'shop.shipping.shipment-failed.v1',
  topic: Topics.shippingEvents,
  version: 1,
  schema: shipmentFailedV1Schema,
  key: (data) => data.orderId,
});
