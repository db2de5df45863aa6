/** The longest reason the contracts accept (an order's statusReason, order.cancelled's reason). */
export const MAX_REASON_LENGTH = 500;

/** Cuts a reason to the contracts' limit, marking the cut. */
export function fitReason(reason: string): string {
  return reason.length <= MAX_REASON_LENGTH ? reason : `${reason.slice(0, MAX_REASON_LENGTH - 1)}…`;
}
