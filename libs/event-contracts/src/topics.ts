/**
 * Every Kafka topic of the shop. Topics are per producing service; each
 * consumer group's dead letters go to `<topic>.dlq.<group>`.
 */
export const Topics = {
  orderEvents: 'shop.order.events',
  inventoryEvents: 'shop.inventory.events',
  shippingEvents: 'shop.shipping.events',
  emailEvents: 'shop.email.events',
  slackEvents: 'shop.slack.events',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

export function deadLetterTopic(topic: string, consumerGroup: string): string {
  return `${topic}.dlq.${consumerGroup}`;
}
