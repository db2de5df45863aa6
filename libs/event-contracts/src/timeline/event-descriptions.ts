import type { EventData } from '../contract.js';
import type { EventContractOf, EventType } from '../events/catalog.js';
import type { ShippingAddress } from '../fields/shipping-address.js';
import type { StockShortage } from '../fields/stock-shortage.js';

type Describers = { [Type in EventType]: (data: EventData<EventContractOf<Type>>) => string };

const MAX_LENGTH = 200;

/** One per event type: adding a type to the contracts fails the build until history can describe it. */
const describers: Describers = {
  'shop.order.placed.v1': (d) =>
    `Order placed: ${units(d.items)} of ${count(d.items.length, 'product')}, to ${place(d.shippingAddress)}`,
  'shop.order.confirmed.v1': (d) => `Order confirmed: ${money(d.totalCents, d.currency)}`,
  'shop.order.rejected.v1': (d) => `Order rejected: ${refusal(d)}`,
  'shop.order.cancelled.v1': (d) => `Order cancelled by the ${d.requestedBy} (was ${d.previousStatus}): ${d.reason}`,
  'shop.order.shipped.v1': (d) => `Order shipped with ${d.carrier}, tracking ${d.trackingNumber}`,
  'shop.inventory.stock-reserved.v1': (d) => `Stock reserved: ${units(d.lines)} for ${money(d.totalCents, d.currency)}`,
  'shop.inventory.stock-reservation-failed.v1': (d) => `Stock reservation failed: ${refusal(d)}`,
  'shop.inventory.stock-released.v1': (d) => `Stock released: ${units(d.lines)}`,
  'shop.inventory.stock-replenished.v1': (d) => `Stock replenished: ${count(d.quantity, 'unit')} added, ${d.stock} in stock`,
  'shop.shipping.shipment-created.v1': (d) => `Shipment created, to ${place(d.shippingAddress)}`,
  'shop.shipping.shipment-dispatched.v1': (d) => `Shipment dispatched with ${d.carrier}, tracking ${d.trackingNumber}`,
  'shop.shipping.shipment-failed.v1': (d) => `Shipment failed: ${d.reason}`,
  'shop.email.sent.v1': (d) => `E-mail "${d.template}" sent to ${d.recipient}`,
  'shop.slack.notified.v1': (d) => `Slack notified: ${d.kind}${d.channel ? ` in ${d.channel}` : ''}`,
};

/**
 * A short human line for a timeline entry, the same wherever it is shown:
 * history stores it with each entry, the gateway's order streams write it with
 * each live one. `data` is what the contract of `type` validated.
 */
export function describeEvent(type: string, data: unknown): string {
  const describe = (describers as Record<string, ((data: never) => string) | undefined>)[type];
  const line = describe ? describe(data as never) : type;
  return line.length <= MAX_LENGTH ? line : `${line.slice(0, MAX_LENGTH - 1)}…`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function units(lines: readonly { quantity: number }[]): string {
  return count(lines.reduce((total, line) => total + line.quantity, 0), 'unit');
}

/** Integer cents, never through a float: 4499 EUR → "EUR 44.99". */
export function money(cents: number, currency: string): string {
  return `${currency} ${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function place(address: ShippingAddress): string {
  return `${address.city}, ${address.country}`;
}

function refusal(d: { shortages: readonly StockShortage[]; unknownSkus: readonly string[] }): string {
  return [
    ...d.shortages.map((s) => `${s.sku} short (${s.requested} requested, ${s.available} available)`),
    ...d.unknownSkus.map((sku) => `${sku} unknown`),
  ].join('; ');
}
