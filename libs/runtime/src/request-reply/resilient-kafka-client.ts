import { Logger } from '@nestjs/common';
import { ClientKafka, type KafkaOptions } from '@nestjs/microservices';
import { logRetries, retryUntil } from '../resilience/retry-until.js';
import { TransportHealth } from './transport-health.js';

const logger = new Logger('RequestClient');

/**
 * NestJS's Kafka client for request-reply that survives the broker: it
 * connects in the background (a caller meanwhile gets its breaker's fast
 * failure, not a crash at start-up), and when kafkajs gives up on the reply
 * consumer it reconnects with backoff. `/health` says since when replies cannot arrive.
 */
export class ResilientKafkaClient extends ClientKafka {
  readonly health: TransportHealth;
  private connecting?: Promise<unknown>;

  constructor(options: Required<KafkaOptions>['options']) {
    super(options);
    const notStarted = 'the request client is not connected to Kafka yet';
    this.health = new TransportHealth(`replies:${this.groupId}`, notStarted, this.groupId, logger, () => this.reconnect());
  }

  /** Connects, retrying with backoff until the broker answers; returns at once. */
  connectInBackground(): void {
    this.connecting ??= retryUntil(() => this.connect(), {
      signal: this.health.closing.signal,
      onFailure: logRetries(logger, 'could not connect the request client; retrying'),
    }).then((producer) => {
      this.health.started = producer !== undefined;
      this.connecting = undefined;
    });
  }

  override async close(): Promise<void> {
    this.health.closing.abort();
    await this.connecting;
    await super.close();
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    this.health.watch(this._consumer);
  }

  private reconnect(): void {
    if (this.connecting || this.health.closing.signal.aborted) return;
    this.health.started = false;
    void super.close().then(() => this.connectInBackground());
  }
}
