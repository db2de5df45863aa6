import { z } from 'zod';
import { nonEmptyText } from './text.js';

/** How a customer follows a parcel. */
export const trackingShape = {
  carrier: nonEmptyText(50).describe('The carrier, e.g. DHL.'),
  trackingNumber: nonEmptyText(100),
  trackingUrl: z.url({ protocol: /^https?$/ }).optional(),
};
