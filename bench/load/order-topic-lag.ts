// The consumer lag of the shop's own consumer groups on the order topic: how
// far each is behind the topic's end (kafkajs admin, the runtime's consumerLag).
// The groups are the apps consuming order events, read from their source as
// `./shop events` does (a service's group id is its name), so a new
// subscriber shows up without a list kept here.
import { consumerLag } from '@shop/runtime';
import { Topics } from '@shop/event-contracts';
import type { Admin, Kafka } from 'kafkajs';
import { listEvents } from '../../libs/event-contracts/dist/cli/event-listing.js';
import { shopServices } from '../../tools/services/services.mjs';

/** The shop's consumer groups reading `topic`, or any of its topics. */
export function shopConsumerGroups(topic?: string): string[] {
  const { events } = listEvents(shopServices());
  return [...new Set(events.filter((event) => topic === undefined || event.topic === topic).flatMap((event) => event.consumers))].sort();
}

export const orderTopicGroups = (): string[] => shopConsumerGroups(Topics.orderEvents);

export class OrderTopicLag {
  private admin: Admin | undefined;

  private readonly kafka: Kafka;
  readonly groups: readonly string[];

  constructor(kafka: Kafka, groups: readonly string[] = orderTopicGroups()) {
    this.kafka = kafka;
    this.groups = groups;
  }

  async start(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
  }

  /** Messages behind, per group (summed over the partitions). */
  async read(): Promise<Record<string, number>> {
    const lag: Record<string, number> = {};
    for (const group of this.groups) {
      const partitions = await consumerLag(this.admin!, group, [Topics.orderEvents]);
      lag[group] = partitions.reduce((sum, partition) => sum + partition.lag, 0);
    }
    return lag;
  }

  async stop(): Promise<void> {
    await this.admin?.disconnect();
  }
}
