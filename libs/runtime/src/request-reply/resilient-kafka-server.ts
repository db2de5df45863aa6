import { Logger } from '@nestjs/common';
import { type KafkaOptions, ServerKafka } from '@nestjs/microservices';
import { Restarter } from '../resilience/restarter.js';
import { logRetries } from '../resilience/retry-until.js';
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
  private readonly starts: Restarter;
  private startNest?: () => Promise<unknown>;

  constructor(options: Required<KafkaOptions>['options']) {
    super(options);
    const notStarted = `the request server (group ${this.groupId}) has not joined its group yet`;
    this.health = new TransportHealth(`requests:${this.groupId}`, notStarted, this.groupId, logger, () => this.starts.request());
    this.starts = new Restarter(() => this.startOrRestart(), {
      signal: this.health.closing.signal,
      onFailure: logRetries(logger, 'could not start the request server; retrying'),
    });
  }

  /** Runs `start` (Nest's startAllMicroservices) until it succeeds; resolves then, or once the server is closed. */
  startInBackground(start: () => Promise<unknown>): Promise<void> {
    this.startNest = start;
    this.starts.request();
    return this.starts.settled();
  }

  override async close(): Promise<void> {
    this.health.closing.abort();
    await this.starts.settled();
    await super.close();
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    this.health.watch(this.consumer);
  }

  /** The first time through Nest (which logs that the microservice started), afterwards by listening again. */
  private async startOrRestart(): Promise<void> {
    try {
      if (this.health.started) {
        await super.close();
        await new Promise<void>((resolve, reject) => this.listen((error?: unknown) => (error ? reject(error) : resolve())));
      } else {
        await this.startNest!();
      }
    } catch (error) {
      await super.close().catch(() => undefined);
      throw error;
    }
    this.health.started = true;
  }
}
