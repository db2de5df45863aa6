import { REQUEST_TOPICS, type ReplyTopic, type RequestPattern } from './requests/request-patterns.js';

/**
 * The event topics of the shop. Topics are per producing service; each
 * consumer group's dead letters go to `<topic>.dlq.<group>`.
 */
export const Topics = {
  orderEvents: 'shop.order.events',
  inventoryEvents: 'shop.inventory.events',
  shippingEvents: 'shop.shipping.events',
  emailEvents: 'shop.email.events',
  slackEvents: 'shop.slack.events',
} as const;

/** An event topic. */
export type Topic = (typeof Topics)[keyof typeof Topics];

/** Any topic the system uses: event topics and the request-reply topics. */
export type KafkaTopic = Topic | RequestPattern | ReplyTopic;

export const EVENT_TOPICS: readonly Topic[] = Object.values(Topics);

/**
 * Every topic the system uses, which the setup creates (the broker's
 * auto-creation is off). Dead-letter topics are not here: they depend on the consumer groups.
 */
export const ALL_TOPICS: readonly KafkaTopic[] = [...EVENT_TOPICS, ...REQUEST_TOPICS];

export function deadLetterTopic(topic: string, consumerGroup: string): string {
  return `${topic}.dlq.${consumerGroup}`;
}
