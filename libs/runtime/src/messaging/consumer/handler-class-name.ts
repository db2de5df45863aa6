/**
 * Names a handler class made per event type, for Nest's logs and errors:
 * `Email` and shop.order.placed.v1 → EmailOrderPlacedV1Handler.
 */
export function nameHandlerClass<Class extends abstract new (...args: never[]) => unknown>(
  handlerClass: Class,
  prefix: string,
  eventType: string,
): Class {
  const words = eventType.replace(/^shop\./, '').split(/[.-]/);
  const name = `${prefix}${words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')}Handler`;
  return Object.defineProperty(handlerClass, 'name', { value: name });
}
