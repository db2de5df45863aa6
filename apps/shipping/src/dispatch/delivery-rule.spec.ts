import type { ShippingAddress } from '@shop/event-contracts';
import { checkDeliverable } from './delivery-rule.js';

const countries = ['GB', 'DE', 'FR'];
const address: ShippingAddress = { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

describe('checkDeliverable', () => {
  it('accepts an address in a country we ship to', () => {
    expect(checkDeliverable(address, countries)).toEqual({ deliverable: true });
  });

  it('refuses a country outside the list, naming it and the list', () => {
    expect(checkDeliverable({ ...address, country: 'JP' }, countries)).toEqual({
      deliverable: false,
      reason: 'no carrier delivers to JP (we ship to GB, DE, FR)',
    });
  });

  it.each(['00000', '0000', '000 00', '00-000'])('refuses the placeholder postal code %s', (postalCode) => {
    expect(checkDeliverable({ ...address, postalCode, country: 'DE' }, countries)).toEqual({
      deliverable: false,
      reason: `postal code ${postalCode} is not a deliverable address`,
    });
  });

  it('accepts postal codes that merely contain zeros', () => {
    expect(checkDeliverable({ ...address, postalCode: '10115', country: 'DE' }, countries)).toEqual({ deliverable: true });
    expect(checkDeliverable({ ...address, postalCode: '75000', country: 'FR' }, countries)).toEqual({ deliverable: true });
  });
});
