import { describeEvents, type EventTypeDescription } from '../events/event-list.js';
import { type AppFolder, scanConsumers, type UnresolvedHandler } from './event-consumers.js';

export interface ListedEvent extends EventTypeDescription {
  /** The apps handling it today (a handler class whose `contract` is this type). */
  consumers: string[];
}

export interface EventListing {
  events: ListedEvent[];
  /** Handler classes whose contract the scan could not resolve (then `consumers` may miss an app). */
  unresolved: UnresolvedHandler[];
}

/** The catalog's event types with the consumers found in the apps' source. */
export function listEvents(apps: readonly AppFolder[]): EventListing {
  const { consumers, unresolved } = scanConsumers(apps);
  return { events: describeEvents().map((event) => ({ ...event, consumers: consumers[event.type] })), unresolved };
}

/**
 * A table, one row per event type (a blank line between rows); consumers
 * and fields take a line each, an optional field is marked `?`:
 *
 *   TYPE                  TOPIC              PRODUCER  CONSUMERS  FIELDS
 *   shop.order.placed.v1  shop.order.events  order     email      orderId     string (uuid)
 *                                                      history    customerId  string
 */
export function formatTable({ events, unresolved }: EventListing): string {
  const header = ['TYPE', 'TOPIC', 'PRODUCER', 'CONSUMERS', 'FIELDS'];
  const rows = events.map((event) => {
    const nameWidth = Math.max(...event.fields.map((field) => field.name.length + (field.required ? 0 : 1)));
    const fields = event.fields.map((field) => `${`${field.name}${field.required ? '' : '?'}`.padEnd(nameWidth)}  ${field.type}`);
    return [[event.type], [event.topic], [event.producer], event.consumers.length > 0 ? event.consumers : ['(none)'], fields];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.flatMap((row) => row[column]!.map((line) => line.length))));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header)];
  for (const [number, row] of rows.entries()) {
    if (number > 0) out.push('');
    const height = Math.max(...row.map((cell) => cell.length));
    for (let index = 0; index < height; index += 1) out.push(line(row.map((cell) => cell[index] ?? '')));
  }
  const topics = new Set(events.map((event) => event.topic)).size;
  out.push('', `${events.length} event types on ${topics} topics; fields marked ? are optional; every event is keyed by its orderId.`);
  for (const handler of unresolved) out.push(`warning: ${handler.app}/${handler.file}: a handler's contract (${handler.contract}) names no event type; its consumers are missing above`);
  return `${out.join('\n')}\n`;
}
