import type { ShippingAddress } from '@shop/event-contracts';
import { assignCarrier } from './carrier.js';

const address: ShippingAddress = { name: 'Grace Hopper', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' };
const shipmentId = '0b7e8a52-3c1d-4f0e-9a55-6d2f1c3b4a59';

describe('assignCarrier', () => {
  it("picks the destination country's carrier and a tracking number from the shipment id", () => {
    expect(assignCarrier(shipmentId, address)).toEqual({ carrier: 'DHL', trackingNumber: 'DH0B7E8A523C1DDE' });
    expect(assignCarrier(shipmentId, { ...address, country: 'GB' })).toEqual({
      carrier: 'Royal Mail',
      trackingNumber: 'RO0B7E8A523C1DGB',
    });
  });

  it('names the same parcel when the same shipment is dispatched again', () => {
    expect(assignCarrier(shipmentId, address)).toEqual(assignCarrier(shipmentId, address));
  });

  it('falls back to DHL for a country without a carrier of its own', () => {
    expect(assignCarrier(shipmentId, { ...address, country: 'AT' }).carrier).toBe('DHL');
  });
});
