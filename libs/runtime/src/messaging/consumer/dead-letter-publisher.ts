import type { LoggerService } from '@nestjs/common';
import { deadLetterTopic } from '@shop/event-contracts';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { ensureTopics, topicReplication } from '../../kafka/topic-admin.js';
import { deadLetterHeaders, type DeadLetterFailure } from './dead-letter-headers.js';
import type { Delivery } from './delivery.js';

const LOG_CONTEXT = 'DeadLetterPublisher';

/**
 * Sends events a consumer group gives up on to `<topic>.dlq.<group>`: the
 * original key, value and headers, plus the dlq_* headers saying why.
 */
export class DeadLetterPublisher {
  private producer: Producer;
  private connected?: Promise<void>;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly logger: LoggerService,
  ) {
    this.producer = this.newProducer();
  }

  /**
   * What it sends: acks=-1 (kafkajs's default, said here; kafkajs refuses any other with
   * idempotence), i.e. the dead letter is on every in-sync replica, at least
   * min.insync.replicas (2 on a cluster of 3), before the source event is committed;
   * idempotent, so a retried request is not written twice; one request in flight
   * per broker (kafkajs numbers an idempotent producer's batches as it sends them,
   * and keeps them in order on a retry only with one in flight, as KIP-98 first required).
   * Retries are bounded, unlike the relay's endless ones: a dead letter that cannot be
   * written is given back to the consumer, which tries again later; kafkajs warns that
   * this weakens idempotence across those later tries (kafka-log.ts makes that a debug
   * line), which is why a failed send replaces the producer (a new producer id, its
   * sequence numbers in step with the broker's) and why a duplicate dead letter is harmless:
   * the replay goes through the inbox, which knows the event id.
   */
  private newProducer(): Producer {
    return this.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 5 },
    });
  }

  /**
   * Creates the missing dead-letter topics (the broker does not) with as many
   * partitions as their source topic, so the same key lands on the same
   * partition number and a replay can run partition by partition like the
   * original, and as many replicas (topicReplication of the source's, so
   * min.insync.replicas 2 with 3); then connects the producer.
   */
  async start(sourceTopics: readonly string[]): Promise<void> {
    for (const { partitions, replicas, topics } of await this.sourceLayouts(sourceTopics)) {
      // Kept for ever, like the events: a dead letter waits for its replay however long that takes.
      const replication = topicReplication(replicas);
      const { created } = await ensureTopics(this.kafka, topics.map((topic) => this.topicFor(topic)), partitions, undefined, replication);
      if (created.length > 0) {
        this.logger.log({ msg: 'created dead-letter topics', topics: created, partitions, replicas: replication.replicationFactor }, LOG_CONTEXT);
      }
    }
    await this.connect();
  }

  /**
   * Connects once. A connect that fails is not kept: with a broker down when the
   * app starts, the rejected promise made every later start() fail at once, and
   * the consumer never started (seen with a broker killed while an app restarted).
   */
  private connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch(async (error: unknown) => {
      await this.replaceProducer();
      throw error;
    });
    return this.connected;
  }

  /** After a failed send: a fresh producer (and producer id) for the next dead letter. */
  private async replaceProducer(): Promise<void> {
    const old = this.producer;
    this.producer = this.newProducer();
    this.connected = undefined;
    await old.disconnect().catch(() => undefined);
  }

  /** Disconnects; a start() after it connects again. */
  async stop(): Promise<void> {
    this.connected = undefined;
    await this.producer.disconnect();
  }

  topicFor(sourceTopic: string): string {
    return deadLetterTopic(sourceTopic, this.groupId);
  }

  /** True once the broker has the dead letter; false if it could not be written (the event must not be committed). */
  async publish(delivery: Delivery, failure: DeadLetterFailure): Promise<boolean> {
    const topic = this.topicFor(delivery.topic);
    try {
      await this.connect();
      await this.producer.send({
        acks: -1,
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
      void this.replaceProducer();
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

  /** The source topics grouped by partition count and replication factor. */
  private async sourceLayouts(sourceTopics: readonly string[]): Promise<{ partitions: number; replicas: number; topics: string[] }[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...sourceTopics] }).catch((error: Error) => {
        throw new Error(`cannot read the partitions of ${sourceTopics.join(', ')} (do the topics exist?): ${error.message}`);
      });
      const layouts = new Map<string, { partitions: number; replicas: number; topics: string[] }>();
      for (const { name, partitions } of topics) {
        const replicas = Math.max(1, ...partitions.map((partition) => partition.replicas.length));
        const key = `${partitions.length}/${replicas}`;
        const layout = layouts.get(key) ?? { partitions: partitions.length, replicas, topics: [] };
        layout.topics.push(name);
        layouts.set(key, layout);
      }
      return [...layouts.values()];
    } finally {
      await admin.disconnect();
    }
  }
}
