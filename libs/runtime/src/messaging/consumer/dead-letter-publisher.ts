import type { LoggerService } from '@nestjs/common';
import { deadLetterTopic } from '@shop/event-contracts';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { ensureTopics } from '../../kafka/topic-admin.js';
import { deadLetterHeaders, type DeadLetterFailure } from './dead-letter-headers.js';
import type { Delivery } from './delivery.js';

const LOG_CONTEXT = 'DeadLetterPublisher';

/**
 * Sends events a consumer group gives up on to `<topic>.dlq.<group>`: the
 * original key, value and headers, plus the dlq_* headers saying why.
 */
export class DeadLetterPublisher {
  private readonly producer: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly logger: LoggerService,
  ) {
    this.producer = kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // Bounded, unlike an idempotent producer's endless retries: a dead letter
      // that cannot be written is given back to the consumer, which tries again later.
      retry: { retries: 5 },
    });
  }

  /**
   * Creates the missing dead-letter topics (the broker does not) with as many
   * partitions as their source topic, so the same key lands on the same
   * partition number and a replay can run partition by partition like the
   * original; then connects the producer.
   */
  async start(sourceTopics: readonly string[]): Promise<void> {
    for (const [partitions, topics] of await this.partitionCounts(sourceTopics)) {
      // Kept for ever, like the events: a dead letter waits for its replay however long that takes.
      const { created } = await ensureTopics(this.kafka, topics.map((topic) => this.topicFor(topic)), partitions);
      if (created.length > 0) {
        this.logger.log({ msg: 'created dead-letter topics', topics: created, partitions }, LOG_CONTEXT);
      }
    }
    await this.producer.connect();
  }

  async stop(): Promise<void> {
    await this.producer.disconnect();
  }

  topicFor(sourceTopic: string): string {
    return deadLetterTopic(sourceTopic, this.groupId);
  }

  /** True once the broker has the dead letter; false if it could not be written (the event must not be committed). */
  async publish(delivery: Delivery, failure: DeadLetterFailure): Promise<boolean> {
    const topic = this.topicFor(delivery.topic);
    try {
      await this.producer.send({
        topic,
        messages: [
          {
            key: delivery.message.key,
            value: delivery.message.value,
            headers: deadLetterHeaders(delivery, failure, this.groupId),
          },
        ],
      });
      return true;
    } catch (error) {
      this.logger.error(
        {
          msg: 'could not write the dead letter; the event stays uncommitted and comes back',
          topic,
          sourceTopic: delivery.topic,
          partition: delivery.partition,
          offset: delivery.message.offset,
          error: (error as Error).message,
        },
        LOG_CONTEXT,
      );
      return false;
    }
  }

  private async partitionCounts(sourceTopics: readonly string[]): Promise<Map<number, string[]>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...sourceTopics] }).catch((error: Error) => {
        throw new Error(`cannot read the partitions of ${sourceTopics.join(', ')} (do the topics exist?): ${error.message}`);
      });
      const byCount = new Map<number, string[]>();
      for (const { name, partitions } of topics) {
        byCount.set(partitions.length, [...(byCount.get(partitions.length) ?? []), name]);
      }
      return byCount;
    } finally {
      await admin.disconnect();
    }
  }
}
