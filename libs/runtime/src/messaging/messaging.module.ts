import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EventContract } from '@shop/event-contracts';
import type { Kafka } from 'kafkajs';
import { BreakerRegistry } from '../breaker/breaker.registry.js';
import type { RetentionConfig } from '../config/retention-config.js';
import { RETENTION_CONFIG } from '../config/retention-config.token.js';
import type { DatabaseConfig, ServiceConfig } from '../config/service-config.js';
import { SERVICE_CONFIG } from '../config/service-config.token.js';
import { DATABASE_CONFIG, PRISMA_CLIENT, type PrismaClientLike } from '../database/database.module.js';
import type { SqlTransaction } from '../database/sql-transaction.js';
import { SqlTransactions } from '../database/sql-transactions.js';
import { HealthService } from '../health/health.service.js';
import { KAFKA } from '../kafka/kafka.token.js';
import { ConsumerTracingObserver } from './consumer-tracing.observer.js';
import { EventConsumer } from './consumer/event-consumer.js';
import { CONSUMER_DEFAULTS } from './consumer/event-consumer-options.js';
import { EventConsumerHealthIndicator } from './consumer/event-consumer.health.js';
import type { EventHandler } from './consumer/event-handler.js';
import type { RetryPolicy } from './consumer/retry-backoff.js';
import { Outbox } from './outbox/outbox.js';
import { PerformedEffects } from './consumer/performed-effects.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { MessagingPruner } from './retention/messaging-pruner.js';
import { logRetries, retryUntil } from '../resilience/retry-until.js';

/**
 * A Nest provider that handles one event type; list its class in `MessagingModule.forRoot({ handlers })`.
 * Its `tx` is a SqlTransaction (SqlTransactions, on the service's own database).
 */
export interface EventHandlerProvider<Data = unknown> {
  readonly contract: EventContract<Data, string>;
  handle: EventHandler<Data, SqlTransaction>;
}

export interface MessagingOptions {
  /** Providers (declared in the app's module) that handle events. None: the service only publishes. */
  handlers?: Type<EventHandlerProvider<any>>[];
  /** Names of breakers (from BreakerRegistry) whose opening pauses consumption. */
  pauseWhileBreakersOpen?: string[];
  retry?: Partial<RetryPolicy>;
  /**
   * For a service off every decision path (a read model, notifications):
   * while events keep coming, the broker gathers them for up to
   * GATHER_EVENTS_MS, so they are fetched, and handled, many at a time
   * (EventConsumerOptions.gatherEventsForMs); and the events it publishes,
   * which no decision waits on either, leave its outbox together for up to
   * as long (OutboxRelayOptions.gatherForMs).
   */
  gatherEvents?: boolean;
  /**
   * Each event in a transaction of its own, never several of one fetch in one
   * (EventConsumerOptions.maxEventsPerTransaction 1). For handlers that lock
   * rows shared across keys in one global order (inventory's products, by
   * sku): a transaction of several events takes their locks event by event,
   * so the order holds only within each, and the transactions of two
   * partitions consumed side by side can deadlock.
   */
  oneEventPerTransaction?: boolean;
  /**
   * The handlers' effects outside the database carry the event's id, by which
   * whoever receives them knows a repeat (an e-mail's Message-ID). A consumer
   * that pauses on breakers otherwise handles one event per transaction, so
   * that a process killed before a commit repeats one effect at most; with
   * this, the events of a fetch share a transaction as any consumer's do, and
   * such a kill repeats each effect of that transaction once, as the same
   * message (ADR 10).
   */
  effectsKeyedByEventId?: boolean;
}

/** How long a gathering service's events may wait: not long enough for a person to notice it in a page or an inbox. */
export const GATHER_EVENTS_MS = 500;

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * The service's messaging: an `Outbox` to publish through, its relay, a
 * consumer (group = service name) with inbox, retries and dead letters,
 * `PerformedEffects` for handlers with side effects outside the database, and
 * the pruner that keeps the outbox and inbox tables bounded.
 * Starts after the app is up; on shutdown stops consuming first, then flushes the outbox.
 * Needs DatabaseModule: its client, and its DATABASE_URL for the relay.
 */
@Module({})
export class MessagingModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  static forRoot(options: MessagingOptions = {}): DynamicModule {
    if (options.oneEventPerTransaction && options.effectsKeyedByEventId) {
      throw new Error('MessagingModule: oneEventPerTransaction and effectsKeyedByEventId contradict each other');
    }
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: Outbox,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) => new Outbox(`/shop/${config.SERVICE_NAME}`),
        },
        { provide: PerformedEffects, useValue: new PerformedEffects() },
      ],
      exports: [Outbox, PerformedEffects],
    };
  }

  private readonly logger = new Logger('Messaging');
  private readonly relay: OutboxRelay;
  private readonly pruner: MessagingPruner;
  private consumer?: EventConsumer<SqlTransaction>;
  private consumerStarting?: Promise<void>;
  private readonly stopping = new AbortController();

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(DATABASE_CONFIG) database: DatabaseConfig,
    @Inject(PRISMA_CLIENT) prisma: PrismaClientLike,
    private readonly transactions: SqlTransactions,
    @Inject(RETENTION_CONFIG) retention: RetentionConfig,
    private readonly health: HealthService,
    private readonly breakers: BreakerRegistry,
    private readonly moduleRef: ModuleRef,
  ) {
    this.relay = new OutboxRelay({
      databaseUrl: database.DATABASE_URL,
      kafka,
      logger: this.logger,
      ...(options.gatherEvents && { gatherForMs: GATHER_EVENTS_MS }),
    });
    this.pruner = new MessagingPruner({ database: prisma, retention, logger: this.logger });
  }

  /**
   * Starts the relay, then the consumer, in the background: the app answers
   * `/health` at once (not ready until both run) and a database or broker that
   * is down at start-up is retried with backoff instead of crashing the process.
   */
  onApplicationBootstrap() {
    const handlers = (this.options.handlers ?? []).map((type) => this.moduleRef.get(type, { strict: false }));
    if (handlers.length > 0) {
      const consumer = new EventConsumer({
        kafka: this.kafka,
        groupId: this.config.SERVICE_NAME,
        database: this.transactions,
        logger: this.logger,
        retry: this.options.retry,
        pauseWhile: (this.options.pauseWhileBreakersOpen ?? []).map((name) => this.breaker(name)),
        observer: new ConsumerTracingObserver(),
        partitionsConsumedConcurrently: 3,
        ...(this.options.gatherEvents && { gatherEventsForMs: GATHER_EVENTS_MS }),
        ...(this.options.oneEventPerTransaction && { maxEventsPerTransaction: 1 }),
        ...(this.options.effectsKeyedByEventId && { maxEventsPerTransaction: CONSUMER_DEFAULTS.maxEventsPerTransaction }),
      });
      for (const handler of handlers) consumer.on(handler.contract, (data, context) => handler.handle(data, context));
      this.health.register(new EventConsumerHealthIndicator(consumer));
      this.consumer = consumer;
    }
    this.health.register({ name: 'outbox-relay', check: async () => this.relay.assertHealthy() });
    // Apart: a second instance's relay stands by until the first one stops, and its consumer must not wait for that.
    void this.untilStarted('outbox relay', () => this.relay.start());
    this.pruner.start();
    if (this.consumer) this.consumerStarting = this.untilStarted('event consumer', () => this.consumer!.start());
  }

  private async untilStarted(what: string, start: () => Promise<void>) {
    await retryUntil(start, {
      signal: this.stopping.signal,
      onFailure: logRetries(this.logger, `${what} could not start; retrying`),
    });
  }

  private breaker(name: string) {
    const breaker = this.breakers.get(name);
    if (!breaker) throw new Error(`pauseWhileBreakersOpen names "${name}", but no breaker of that name exists`);
    return breaker;
  }

  /** Stop taking events first: the in-flight one finishes and may still write to the outbox. */
  async beforeApplicationShutdown() {
    this.stopping.abort();
    await this.pruner.stop();
    await this.consumerStarting;
    await this.consumer?.stop();
  }

  /** Then publish what the outbox still holds. */
  async onApplicationShutdown() {
    await this.relay.stop();
  }
}
