import { Logger } from '@nestjs/common';
import { type KafkaOptions, ServerKafka } from '@nestjs/microservices';
import type { HealthIndicator } from '../health/health-indicator.js';
import { ConsumerLiveness } from '../kafka/consumer-liveness.js';
import { retryLogLevel, retryUntil } from '../resilience/retry-until.js';

const logger = new Logger('RequestServer');

/**
 * NestJS's Kafka server (`@MessagePattern` handlers) that survives the broker:
 * it starts in the background, retrying until the broker answers (an app
 * started while Kafka is away serves /health instead of crashing); when
 * kafkajs gives up on its consumer, the server is closed and started again
 * with backoff; `/health` says since when it cannot take requests.
 */
export class ResilientKafkaServer extends ServerKafka implements HealthIndicator {
  readonly name: string;
  private readonly liveness: ConsumerLiveness;
  private readonly closing = new AbortController();
  private restarting?: Promise<unknown>;
  private started = false;

  constructor(options: Required<KafkaOptions>['options']) {
    super(options);
    this.name = `requests:${this.groupId}`;
    this.liveness = new ConsumerLiveness(this.groupId, logger, () => this.restart());
  }

  async check() {
    if (!this.started) throw new Error(`the request server (group ${this.groupId}) has not joined its group yet`);
    this.liveness.assertUp();
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
        this.started = true;
      },
      {
        signal: this.closing.signal,
        onFailure: (error, attempt, retryInMs, failingForMs) =>
          logger[retryLogLevel(failingForMs)]({ msg: 'could not start the request server; retrying', error: (error as Error).message, attempt, retryInMs }),
      },
    ).then(() => undefined);
    this.restarting = starting.finally(() => (this.restarting = undefined));
    return starting;
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
        onFailure: (error, attempt, retryInMs, failingForMs) =>
          logger[retryLogLevel(failingForMs)]({ msg: 'could not restart the request server; retrying', error: (error as Error).message, attempt, retryInMs }),
      },
    ).finally(() => (this.restarting = undefined));
  }
}
