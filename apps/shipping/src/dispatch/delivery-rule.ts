import type { ShippingAddress } from '@shop/event-contracts';

export type DeliveryVerdict = { deliverable: true } | { deliverable: false; reason: string };

/**
 * Whether a carrier can take a parcel to this address. Two rules:
 * - the country must be one we ship to (SHIPPING_COUNTRIES);
 * - the postal code must not be a placeholder made of zeros only (`00000`,
 *   `0000`, `000 00`): no carrier routes it, so such an address fails too.
 */
export function checkDeliverable(address: ShippingAddress, countries: readonly string[]): DeliveryVerdict {
  if (!countries.includes(address.country)) {
    return { deliverable: false, reason: `no carrier delivers to ${address.country} (we ship to ${countries.join(', ')})` };
  }
  if (/^0+$/.test(address.postalCode.replace(/[\s-]/g, ''))) {
    return { deliverable: false, reason: `postal code ${address.postalCode} is not a deliverable address` };
  }
  return { deliverable: true };
}
