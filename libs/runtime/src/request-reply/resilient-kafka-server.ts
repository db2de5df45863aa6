import { Logger } from '@nestjs/common';
import { type KafkaOptions, ServerKafka } from '@nestjs/microservices';
import type { HealthIndicator } from '../health/health-indicator.js';
import { ConsumerLiveness } from '../kafka/consumer-liveness.js';
import { retryUntil } from '../resilience/retry-until.js';

const logger = new Logger('RequestServer');

/**
 * NestJS's Kafka server (`@MessagePattern` handlers) that survives the broker:
 * when kafkajs gives up on its consumer, the server is closed and started
 * again with backoff; `/health` says since when it cannot take requests.
 */
export class ResilientKafkaServer extends ServerKafka implements HealthIndicator {
  readonly name: string;
  private readonly liveness: ConsumerLiveness;
  private readonly closing = new AbortController();
  private restarting?: Promise<unknown>;

  constructor(options: Required<KafkaOptions>['options']) {
    super(options);
    this.name = `requests:${this.groupId}`;
    this.liveness = new ConsumerLiveness(this.groupId, logger, () => this.restart());
  }

  async check() {
    this.liveness.assertUp();
  }

  override async close(): Promise<void> {
    this.closing.abort();
    await this.restarting;
    await super.close();
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    if (this.consumer) this.liveness.watch(this.consumer);
  }

  private restart(): void {
    if (this.restarting || this.closing.signal.aborted) return;
    this.restarting = retryUntil(
      async () => {
        await super.close();
        await new Promise<void>((resolve, reject) => this.listen((error?: unknown) => (error ? reject(error) : resolve())));
      },
      {
        signal: this.closing.signal,
        onFailure: (error, attempt, retryInMs) =>
          logger.warn({ msg: 'could not restart the request server; retrying', error: (error as Error).message, attempt, retryInMs }),
      },
    ).finally(() => (this.restarting = undefined));
  }
}
