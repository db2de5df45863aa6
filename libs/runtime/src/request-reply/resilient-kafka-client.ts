import { Logger } from '@nestjs/common';
import { ClientKafka, type KafkaOptions } from '@nestjs/microservices';
import type { HealthIndicator } from '../health/health-indicator.js';
import { ConsumerLiveness } from '../kafka/consumer-liveness.js';
import { retryLogLevel, retryUntil } from '../resilience/retry-until.js';

const logger = new Logger('RequestClient');

/**
 * NestJS's Kafka client for request-reply that survives the broker: it
 * connects in the background (a caller meanwhile gets its breaker's fast
 * failure, not a crash at start-up), and when kafkajs gives up on the reply
 * consumer it reconnects with backoff. `/health` says since when replies cannot arrive.
 */
export class ResilientKafkaClient extends ClientKafka implements HealthIndicator {
  readonly name: string;
  private readonly liveness: ConsumerLiveness;
  private readonly closing = new AbortController();
  private connecting?: Promise<unknown>;
  private connected = false;

  constructor(options: Required<KafkaOptions>['options']) {
    super(options);
    this.name = `replies:${this.groupId}`;
    this.liveness = new ConsumerLiveness(this.groupId, logger, () => this.reconnect());
  }

  async check() {
    if (!this.connected) throw new Error('the request client is not connected to Kafka yet');
    this.liveness.assertUp();
  }

  /** Connects, retrying with backoff until the broker answers; returns at once. */
  connectInBackground(): void {
    this.connecting ??= retryUntil(() => this.connect(), {
      signal: this.closing.signal,
      onFailure: (error, attempt, retryInMs, failingForMs) =>
        logger[retryLogLevel(failingForMs)]({ msg: 'could not connect the request client; retrying', error: (error as Error).message, attempt, retryInMs }),
    }).then((producer) => {
      this.connected = producer !== undefined;
      this.connecting = undefined;
    });
  }

  override async close(): Promise<void> {
    this.closing.abort();
    await this.connecting;
    await super.close();
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    if (this._consumer) this.liveness.watch(this._consumer);
  }

  private reconnect(): void {
    if (this.connecting || this.closing.signal.aborted) return;
    this.connected = false;
    void super.close().then(() => this.connectInBackground());
  }
}
