import type { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@shop/event-contracts';
import type { TransitionOutcome } from '../order/order-lifecycle.service.js';

/**
 * An event the order's current state makes moot (say, stock reserved for an
 * order the customer cancelled meanwhile) is consumed and changes nothing:
 * retrying it could never succeed, and dead-lettering it would page someone
 * for what the saga already settled. It is logged as a warning, with what
 * settles it when that is not obvious.
 */
export function warnIfIgnored(logger: Logger, outcome: TransitionOutcome, envelope: EventEnvelope, settledBy?: string): void {
  const event = { eventId: envelope.id, type: envelope.type };
  switch (outcome.kind) {
    case 'applied':
      return;
    case 'not-found':
      logger.warn({ msg: 'event for an unknown order ignored', ...event, orderId: outcome.orderId });
      return;
    case 'refused':
      logger.warn({
        msg: 'event ignored: it does not apply to the order in its current status',
        ...event,
        orderId: outcome.order.id,
        status: outcome.order.status,
        why: outcome.reason,
        ...(settledBy && { settledBy }),
      });
  }
}
