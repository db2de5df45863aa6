import { emailSentV1 } from './email/email-sent.event.js';
import { stockReleasedV1 } from './inventory/stock-released.event.js';
import { stockReplenishedV1 } from './inventory/stock-replenished.event.js';
import { stockReservationFailedV1 } from './inventory/stock-reservation-failed.event.js';
import { stockReservedV1 } from './inventory/stock-reserved.event.js';
import { orderCancelledV1 } from './order/order-cancelled.event.js';
import { orderConfirmedV1 } from './order/order-confirmed.event.js';
import { orderPlacedV1 } from './order/order-placed.event.js';
import { orderRejectedV1 } from './order/order-rejected.event.js';
import { orderShippedV1 } from './order/order-shipped.event.js';
import { shipmentCreatedV1 } from './shipping/shipment-created.event.js';
import { shipmentDispatchedV1 } from './shipping/shipment-dispatched.event.js';
import { shipmentFailedV1 } from './shipping/shipment-failed.event.js';
import { slackNotifiedV1 } from './slack/slack-notified.event.js';

/** Every event type the shop publishes, by name. A new version is a new entry; old ones stay. */
export const Events = {
  orderPlacedV1,
  orderConfirmedV1,
  orderRejectedV1,
  orderCancelledV1,
  orderShippedV1,
  stockReservedV1,
  stockReservationFailedV1,
  stockReleasedV1,
  stockReplenishedV1,
  shipmentCreatedV1,
  shipmentDispatchedV1,
  shipmentFailedV1,
  emailSentV1,
  slackNotifiedV1,
} as const;

export type AnyEventContract = (typeof Events)[keyof typeof Events];

export type EventType = AnyEventContract['type'];

export type EventContractOf<Type extends EventType> = Extract<AnyEventContract, { type: Type }>;

export const ALL_EVENTS: readonly AnyEventContract[] = Object.values(Events);

const contractsByType = new Map<string, AnyEventContract>(ALL_EVENTS.map((contract) => [contract.type, contract]));

/** The contract of a ce_type read from Kafka; undefined for a type this library does not know. */
export function eventContractByType<Type extends EventType>(type: Type): EventContractOf<Type>;
export function eventContractByType(type: string): AnyEventContract | undefined;
export function eventContractByType(type: string): AnyEventContract | undefined {
  return contractsByType.get(type);
}
