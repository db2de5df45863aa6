import type { OrderStatus } from '@shop/event-contracts';
import { decideTransition, isFinal, type OrderTrigger } from './order-state-machine.js';

const STATUSES: OrderStatus[] = ['PENDING', 'CONFIRMED', 'SHIPPED', 'REJECTED', 'CANCELLED'];
const TRIGGERS: OrderTrigger[] = ['stockReserved', 'stockReservationFailed', 'shipmentDispatched', 'cancel'];

/** The whole table: [from, trigger] → to; every pair missing here must be refused. */
const ALLOWED: Record<string, OrderStatus> = {
  'PENDING stockReserved': 'CONFIRMED',
  'PENDING stockReservationFailed': 'REJECTED',
  'PENDING cancel': 'CANCELLED',
  'CONFIRMED shipmentDispatched': 'SHIPPED',
  'CONFIRMED cancel': 'CANCELLED',
};

describe('order state machine', () => {
  const pairs = STATUSES.flatMap((status) => TRIGGERS.map((trigger) => [status, trigger] as const));

  it.each(pairs)('%s + %s follows the table', (status, trigger) => {
    const decision = decideTransition(status, trigger);
    const to = ALLOWED[`${status} ${trigger}`];
    if (to) expect(decision).toEqual({ allowed: true, from: status, to });
    else expect(decision).toEqual({ allowed: false, from: status, reason: expect.stringMatching(/^only .* orders can be /) });
  });

  it('explains a refusal with what would have been allowed', () => {
    expect(decideTransition('SHIPPED', 'cancel')).toEqual({
      allowed: false,
      from: 'SHIPPED',
      reason: 'only PENDING or CONFIRMED orders can be cancelled',
    });
    expect(decideTransition('CANCELLED', 'stockReserved')).toMatchObject({
      reason: 'only PENDING orders can be confirmed',
    });
  });

  it('treats SHIPPED, REJECTED and CANCELLED as final', () => {
    expect(STATUSES.filter(isFinal)).toEqual(['SHIPPED', 'REJECTED', 'CANCELLED']);
  });
});
