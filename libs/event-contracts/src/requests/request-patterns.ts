/**
 * The Kafka topics of the gateway's request-reply calls (NestJS ClientKafka.send
 * / @MessagePattern): the pattern is the request topic, the reply comes back on
 * `<pattern>.reply`. Plain constants, so topics.ts can list them without loading schemas.
 */
export const RequestPatterns = {
  placeOrder: 'shop.order.place',
  getOrder: 'shop.order.get',
  cancelOrder: 'shop.order.cancel',
  listProducts: 'shop.inventory.list-products',
  restock: 'shop.inventory.restock',
  getOrderTimeline: 'shop.history.get-order-timeline',
  getCustomerOrders: 'shop.history.get-customer-orders',
  getProductTimeline: 'shop.history.get-product-timeline',
} as const;

export type RequestPattern = (typeof RequestPatterns)[keyof typeof RequestPatterns];

export type ReplyTopic<Pattern extends string = RequestPattern> = `${Pattern}.reply`;

/** NestJS's naming of the reply topic (ClientKafka subscribes to it for each pattern). */
export function replyTopicOf<Pattern extends string>(pattern: Pattern): ReplyTopic<Pattern> {
  return `${pattern}.reply`;
}

export const REQUEST_PATTERNS: readonly RequestPattern[] = Object.values(RequestPatterns);

/** Every request and reply topic: the infrastructure creates them like any other topic. */
export const REQUEST_TOPICS: readonly (RequestPattern | ReplyTopic)[] = REQUEST_PATTERNS.flatMap((pattern) => [
  pattern,
  replyTopicOf(pattern),
]);
