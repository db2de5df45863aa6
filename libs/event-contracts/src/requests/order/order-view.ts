import { z } from 'zod';
import { customerIdSchema, emailAddressSchema, orderIdSchema, shipmentIdSchema } from '../../fields/identifiers.js';
import { nonEmptyText } from '../../fields/text.js';
import { orderItemsSchema, pricedOrderShape, totalMatchesLines } from '../../fields/order-lines.js';
import { orderStatusSchema } from '../../fields/order-status.js';
import { shippingAddressSchema } from '../../fields/shipping-address.js';
import { isoDateTimeSchema } from '../../fields/timestamps.js';
import { trackingShape } from '../../fields/tracking.js';

/** An order as the order service knows it now; optional parts appear as the saga reaches them. */
export const orderViewSchema = z.object({
  orderId: orderIdSchema,
  customerId: customerIdSchema,
  email: emailAddressSchema,
  status: orderStatusSchema,
  items: orderItemsSchema,
  shippingAddress: shippingAddressSchema,
  pricing: z.object(pricedOrderShape).superRefine(totalMatchesLines).optional().describe('Once the stock is reserved.'),
  shipment: z.object({ shipmentId: shipmentIdSchema, ...trackingShape }).optional().describe('Once SHIPPED.'),
  statusReason: nonEmptyText(500).optional().describe('Why the order was REJECTED or CANCELLED.'),
  placedAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});

export type OrderView = z.infer<typeof orderViewSchema>;
