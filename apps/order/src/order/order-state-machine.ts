import type { OrderStatus } from '@shop/event-contracts';

/**
 * The order saga as data: what may happen to an order in each status.
 * Everything not listed is refused; the callers decide what a refusal means
 * (CONFLICT for a request, an ignored event for a consumer).
 */
const TRANSITIONS = {
  /** The inventory reserved and priced every line. */
  stockReserved: { from: ['PENDING'], to: 'CONFIRMED' },
  /** The inventory could not reserve the stock. */
  stockReservationFailed: { from: ['PENDING'], to: 'REJECTED' },
  /** The carrier took the parcel. */
  shipmentDispatched: { from: ['CONFIRMED'], to: 'SHIPPED' },
  /** The customer cancelled, or the saga compensates a failed shipment. */
  cancel: { from: ['PENDING', 'CONFIRMED'], to: 'CANCELLED' },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;

type Transitions = typeof TRANSITIONS;

export type OrderTrigger = keyof Transitions;

export type TransitionDecision<Trigger extends OrderTrigger = OrderTrigger> =
  | { allowed: true; from: Transitions[Trigger]['from'][number]; to: Transitions[Trigger]['to'] }
  | { allowed: false; from: OrderStatus; reason: string };

const OUTCOMES: Record<OrderTrigger, string> = {
  stockReserved: 'confirmed',
  stockReservationFailed: 'rejected',
  shipmentDispatched: 'shipped',
  cancel: 'cancelled',
};

/**
 * Whether `trigger` may move an order in `status`, and to what. A refusal
 * says why, for people: `only PENDING or CONFIRMED orders can be cancelled`.
 */
export function decideTransition<Trigger extends OrderTrigger>(
  status: OrderStatus,
  trigger: Trigger,
): TransitionDecision<Trigger> {
  const { from, to } = TRANSITIONS[trigger];
  if (isOneOf(status, from)) return { allowed: true, from: status, to };
  return { allowed: false, from: status, reason: `only ${from.join(' or ')} orders can be ${OUTCOMES[trigger]}` };
}

/** The statuses `trigger` may move an order from, and the one it moves it to. */
export function transitionOf<Trigger extends OrderTrigger>(trigger: Trigger): Transitions[Trigger] {
  return TRANSITIONS[trigger];
}

/** The statuses no trigger leaves. */
export function isFinal(status: OrderStatus): boolean {
  return Object.values(TRANSITIONS).every(({ from }) => !isOneOf(status, from));
}

function isOneOf<Status extends OrderStatus>(status: OrderStatus, statuses: readonly Status[]): status is Status {
  return (statuses as readonly OrderStatus[]).includes(status);
}
