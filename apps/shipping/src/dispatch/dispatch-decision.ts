import type { ShippingAddress } from '@shop/event-contracts';
import { assignCarrier, type CarrierAssignment } from './carrier.js';
import { checkDeliverable } from './delivery-rule.js';

export type DispatchDecision = ({ kind: 'dispatch' } & CarrierAssignment) | { kind: 'fail'; reason: string };

/** When a shipment created now may leave: after the configured delay. */
export function dispatchTime(createdAt: Date, delayMs: number): Date {
  return new Date(createdAt.getTime() + delayMs);
}

/** What happens to a due shipment: handed to a carrier, or failed with the reason. */
export function decideDispatch(
  shipment: { id: string; shippingAddress: ShippingAddress },
  countries: readonly string[],
): DispatchDecision {
  const verdict = checkDeliverable(shipment.shippingAddress, countries);
  if (!verdict.deliverable) return { kind: 'fail', reason: verdict.reason };
  return { kind: 'dispatch', ...assignCarrier(shipment.id, shipment.shippingAddress) };
}
