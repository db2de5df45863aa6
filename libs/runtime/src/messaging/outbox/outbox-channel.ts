/** The LISTEN/NOTIFY channel a service's outbox writes notify and its relay listens on. */
export const OUTBOX_CHANNEL = 'shop_outbox';
