import type { ShippingAddress } from '@shop/event-contracts';
import { decideDispatch, dispatchTime } from './dispatch-decision.js';

const shippingAddress: ShippingAddress = { name: 'Marie Curie', line1: '11 rue Pierre et Marie Curie', city: 'Paris', postalCode: '75005', country: 'FR' };
const id = '6f1d2c3b-4a59-4e0e-9a55-0b7e8a523c1d';

describe('dispatchTime', () => {
  it('is the creation time plus the delay', () => {
    expect(dispatchTime(new Date('2026-11-23T19:00:00.000Z'), 2_000)).toEqual(new Date('2026-11-23T19:00:02.000Z'));
  });

  it('is the creation time itself with no delay', () => {
    expect(dispatchTime(new Date('2026-11-23T19:00:00.000Z'), 0)).toEqual(new Date('2026-11-23T19:00:00.000Z'));
  });
});

describe('decideDispatch', () => {
  it('hands a deliverable shipment to the carrier of its country', () => {
    expect(decideDispatch({ id, shippingAddress }, ['FR'])).toEqual({
      kind: 'dispatch',
      carrier: 'Colissimo',
      trackingNumber: 'CO6F1D2C3B4A59FR',
    });
  });

  it('fails a shipment to a country we do not ship to, with the reason', () => {
    expect(decideDispatch({ id, shippingAddress }, ['DE', 'GB'])).toEqual({
      kind: 'fail',
      reason: 'no carrier delivers to FR (we ship to DE, GB)',
    });
  });
});
