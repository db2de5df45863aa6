import { Logger } from '@nestjs/common';
import { ClientKafka, type KafkaOptions } from '@nestjs/microservices';
import { Restarter } from '../resilience/restarter.js';
import { logRetries } from '../resilience/retry-until.js';
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
  private readonly connections: Restarter;

  constructor(options: Required<KafkaOptions>['options']) {
    super(options);
    const notStarted = 'the request client is not connected to Kafka yet';
    this.health = new TransportHealth(`replies:${this.groupId}`, notStarted, this.groupId, logger, () => this.connectInBackground());
    this.connections = new Restarter(
      async () => {
        this.health.started = false;
        await super.close(); // what a failed or given-up connection left
        await this.connect();
        this.health.started = true;
      },
      { signal: this.health.closing.signal, onFailure: logRetries(logger, 'could not connect the request client; retrying') },
    );
  }

  /** Connects (again), retrying with backoff until the broker answers; returns at once. */
  connectInBackground(): void {
    this.connections.request();
  }

  override async close(): Promise<void> {
    this.health.closing.abort();
    await this.connections.settled();
    await super.close();
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    this.health.watch(this._consumer);
  }
}
