import { Logger } from '@nestjs/common';
import { type KafkaOptions, ServerKafka } from '@nestjs/microservices';
import { logRetries, retryUntil } from '../resilience/retry-until.js';
import { TransportHealth } from './transport-health.js';

const logger = new Logger('RequestServer');

/**
 * NestJS's Kafka server (`@MessagePattern` handlers) that survives the broker:
 * it starts in the background, retrying until the broker answers (an app
 * started while Kafka is away serves /health instead of crashing); when
 * kafkajs gives up on its consumer, the server is closed and started again
 * with backoff; `/health` says since when it cannot take requests.
 */
export class ResilientKafkaServer extends ServerKafka {
  readonly health: TransportHealth;
  private restarting?: Promise<unknown>;

  constructor(options: Required<KafkaOptions>['options']) {
    super(options);
    const notStarted = `the request server (group ${this.groupId}) has not joined its group yet`;
    this.health = new TransportHealth(`requests:${this.groupId}`, notStarted, this.groupId, logger, () => this.restart());
  }

  /** Runs `start` (Nest's startAllMicroservices) until it succeeds; resolves then, or once the server is closed. */
  startInBackground(start: () => Promise<unknown>): Promise<void> {
    const starting = retryUntil(
      async () => {
        try {
          await start();
        } catch (error) {
          await super.close().catch(() => undefined);
          throw error;
        }
        this.health.started = true;
      },
      {
        signal: this.health.closing.signal,
        onFailure: logRetries(logger, 'could not start the request server; retrying'),
      },
    ).then(() => undefined);
    this.restarting = starting.finally(() => (this.restarting = undefined));
    return starting;
  }

  override async close(): Promise<void> {
    this.health.closing.abort();
    await this.restarting;
    await super.close();
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    this.health.watch(this.consumer);
  }

  private restart(): void {
    if (this.restarting || this.health.closing.signal.aborted) return;
    this.restarting = retryUntil(
      async () => {
        await super.close();
        await new Promise<void>((resolve, reject) => this.listen((error?: unknown) => (error ? reject(error) : resolve())));
      },
      {
        signal: this.health.closing.signal,
        onFailure: logRetries(logger, 'could not restart the request server; retrying'),
      },
    ).finally(() => (this.restarting = undefined));
  }
}
