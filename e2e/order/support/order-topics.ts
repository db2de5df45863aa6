import { type EventContract, Events, type RequestContract, Requests } from '@shop/event-contracts';
import type { Kafka } from 'kafkajs';

/**
 * The order service's contracts under one test's SHOP_TOPIC_NAMESPACE, as the
 * service computes them: every topic and request pattern prefixed. Built here
 * from the public contracts, not imported from the app, so the tests check the
 * app's side of the convention.
 */
export function orderTopicsIn(namespace: string) {
  const event = <Contract extends EventContract<any, string>>(contract: Contract): Contract => ({
    ...contract,
    topic: namespace + contract.topic,
  });
  const request = <Contract extends RequestContract<any, any, string>>(contract: Contract): Contract => ({
    ...contract,
    pattern: namespace + contract.pattern,
    replyTopic: namespace + contract.replyTopic,
  });
  const events = {
    placed: event(Events.orderPlacedV1),
    confirmed: event(Events.orderConfirmedV1),
    rejected: event(Events.orderRejectedV1),
    cancelled: event(Events.orderCancelledV1),
    shipped: event(Events.orderShippedV1),
    stockReserved: event(Events.stockReservedV1),
    stockReservationFailed: event(Events.stockReservationFailedV1),
    shipmentDispatched: event(Events.shipmentDispatchedV1),
    shipmentFailed: event(Events.shipmentFailedV1),
  };
  const requests = {
    place: request(Requests.placeOrder),
    get: request(Requests.getOrder),
    cancel: request(Requests.cancelOrder),
  };
  const eventTopics = [...new Set(Object.values(events).map((contract) => contract.topic))];
  const requestTopics = Object.values(requests).map((contract) => contract.pattern);
  const replyTopics = Object.values(requests).map((contract) => contract.replyTopic);
  return { namespace, events, requests, eventTopics, requestTopics, replyTopics };
}

export type OrderTopics = ReturnType<typeof orderTopicsIn>;

/** Creates the namespace's topics, 3 partitions each like the real ones (auto-creation is off). */
export async function createOrderTopics(kafka: Kafka, topics: OrderTopics): Promise<void> {
  const names = [...topics.eventTopics, ...topics.requestTopics, ...topics.replyTopics];
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: names.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

