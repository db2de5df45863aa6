import type { ShippingAddress } from '@shop/event-contracts';

export interface CarrierAssignment {
  carrier: string;
  trackingNumber: string;
}

// The carrier we hand parcels to in each country; anywhere else we ship to, DHL.
const CARRIERS: Readonly<Record<string, string>> = {
  GB: 'Royal Mail',
  FR: 'Colissimo',
  DE: 'DHL',
  NL: 'PostNL',
  BE: 'bpost',
  IE: 'An Post',
  ES: 'Correos',
  IT: 'Poste Italiane',
  US: 'UPS',
};
const DEFAULT_CARRIER = 'DHL';

/**
 * The carrier for the destination and a tracking number derived from the
 * shipment id, so dispatching the same shipment twice names the same parcel.
 */
export function assignCarrier(shipmentId: string, address: ShippingAddress): CarrierAssignment {
  const carrier = CARRIERS[address.country] ?? DEFAULT_CARRIER;
  const prefix = carrier.replace(/[^A-Za-z]/g, '').slice(0, 2).toUpperCase();
  const trackingNumber = `${prefix}${shipmentId.replaceAll('-', '').slice(0, 12).toUpperCase()}${address.country}`;
  return { carrier, trackingNumber };
}
