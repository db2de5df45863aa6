import type { EventKeyField } from '@shop/event-contracts';

/** What the recorder reads of any event's data: the fields an entry is filed under, and the customer. */
export type RecordedData = { orderId?: string; sku?: string; customerId?: string };

/** Where a timeline entry is filed: under its order, or under its product when it belongs to no order. */
export interface TimelineFiling {
  orderId: string | null;
  sku: string | null;
}

/**
 * Files an event under what its contract keys it by. An order's events go on
 * the order's timeline (stock-reserved names skus too, but it is the order's
 * event); a product's own events, which belong to no order (a restock), on the
 * product's. A contract with a new kind of key fails this switch's build, so
 * history never records an event it cannot file (nor dead-letters one).
 */
export function timelineFiling(keyField: EventKeyField, data: RecordedData): TimelineFiling {
  switch (keyField) {
    case 'orderId':
      return { orderId: required(data.orderId, keyField), sku: null };
    case 'sku':
      return { orderId: null, sku: required(data.sku, keyField) };
    default:
      return unknownKey(keyField);
  }
}

function required(value: string | undefined, field: EventKeyField): string {
  // The contract validated the data, and its key field is required in every schema: this only guards a wrong keyField.
  if (value === undefined) throw new Error(`the event's data has no ${field}, the field its contract keys it by`);
  return value;
}

function unknownKey(keyField: never): never {
  throw new Error(`no timeline files events keyed by ${String(keyField)}`);
}
