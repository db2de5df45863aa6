import type { LoggerService } from '@nestjs/common';
import type { EventContract } from '@shop/event-contracts';
import type { Consumer, EachBatchPayload, KafkaMessage, TopicPartitions } from 'kafkajs';
import { ConsumerLiveness } from '../../kafka/consumer-liveness.js';
import { KAFKA_COMMIT_INTERVAL_MS, KAFKA_CONSUMER_TIMING } from '../../kafka/kafka.provider.js';
import { Restarter } from '../../resilience/restarter.js';
import { logRetries } from '../../resilience/retry-until.js';
import type { SqlExecutor } from '../sql-executor.js';
import { BreakerGate } from './breaker-gate.js';
import type { ConsumerObserver } from './consumer-observer.js';
import { DeadLetterPublisher } from './dead-letter-publisher.js';
import type { Delivery } from './delivery.js';
import { CONSUMER_DEFAULTS, type EventConsumerOptions, GATHERED_BYTES } from './event-consumer-options.js';
import type { EventHandler } from './event-handler.js';
import { EventProcessor } from './event-processor.js';
import { HandlerRegistry } from './handler-registry.js';
import { PartitionsTogether } from './partitions-together.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-backoff.js';

export interface EventConsumerStatus {
  groupId: string;
  /** Consuming (possibly paused); false before start() and after stop(). */
  running: boolean;
  /** Since when, and why, the running consumer cannot consume (the broker is away, it is rejoining its group). */
  down?: { since: string; forMs: number; error: string };
  /** True while a breaker in `pauseWhile` is open. */
  pausedForBreaker: boolean;
  /** The assigned partitions that are paused now. */
  pausedPartitions: TopicPartitions[];
}

type State = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped';

const LOG_CONTEXT = 'EventConsumer';

/**
 * An idempotent Kafka consumer for the events of the contracts library.
 *
 * - Each partition is handled in order. A message is committed only once it
 *   is done: handled (its inbox row committed with the handler's writes), a
 *   duplicate, another type's, or dead-lettered. Messages fetched together
 *   share one transaction (up to `maxEventsPerTransaction` of each partition,
 *   with those of the partitions consumed beside it) while every handler
 *   succeeds; otherwise they are handled one at a time.
 * - A failing handler is retried with backoff, the partition waiting, then the
 *   event goes to `<topic>.dlq.<group>` and the partition moves on. An invalid
 *   event goes there at once.
 * - While a breaker of `pauseWhile` is open, every partition is paused and the
 *   message that hit the breaker is fetched again after it half-opens.
 * - When the broker goes away, kafkajs restarts the consumer once it is back;
 *   a crash kafkajs does not restart from gets a new consumer, with backoff.
 *   Meanwhile `status().down` says since when.
 */
export class EventConsumer<Tx extends SqlExecutor = SqlExecutor> {
  readonly groupId: string;
  private readonly registry = new HandlerRegistry<Tx>();
  private consumer: Consumer;
  private readonly liveness: ConsumerLiveness;
  private readonly rebuilds: Restarter;
  private rebuildWhenStarted = false;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly gate: BreakerGate;
  private readonly processor: EventProcessor<Tx>;
  private readonly observer: ConsumerObserver;
  private readonly logger: LoggerService;
  private readonly shutdown = new AbortController();
  private state: State = 'idle';
  private stopped?: Promise<void>;
  private topics: string[] = [];
  private pausedForBreaker = false;
  private unwatchBreakers?: () => void;
  private readonly maxEventsPerTransaction: number;
  private readonly partitionsConsumedConcurrently: number;
  /** How several messages of a batch are handled together: with those of the partitions handled beside it, where there are. */
  private readonly handleTogether: (run: readonly Delivery[], heartbeat: () => Promise<void>) => Promise<number>;

  constructor(private readonly options: EventConsumerOptions<Tx>) {
    const { kafka, groupId, logger } = options;
    this.groupId = groupId;
    this.logger = logger;
    this.observer = options.observer ?? {};
    // Breakers that pause the consumer guard its handlers' calls to the outside world (SMTP, a webhook):
    // one event per transaction then, unless told otherwise, so a process killed before a commit repeats
    // one outside effect at most, not every effect of a shared transaction (README, "The one window that
    // remains"; MessagingOptions.effectsKeyedByEventId says otherwise for effects the receiver recognises).
    const outsideEffects = (options.pauseWhile ?? []).length > 0;
    this.maxEventsPerTransaction = options.maxEventsPerTransaction ?? (outsideEffects ? 1 : CONSUMER_DEFAULTS.maxEventsPerTransaction);
    if (!Number.isInteger(this.maxEventsPerTransaction) || this.maxEventsPerTransaction < 1) {
      throw new Error(`maxEventsPerTransaction must be a positive integer, not ${this.maxEventsPerTransaction}`);
    }
    this.partitionsConsumedConcurrently = options.partitionsConsumedConcurrently ?? CONSUMER_DEFAULTS.partitionsConsumedConcurrently;
    const { gatherEventsForMs } = options;
    if (gatherEventsForMs !== undefined && !(Number.isInteger(gatherEventsForMs) && gatherEventsForMs > 0)) {
      throw new Error(`gatherEventsForMs must be a positive integer, not ${gatherEventsForMs}`);
    }
    this.liveness = new ConsumerLiveness(groupId, logger, () => this.rebuild());
    const log = logRetries(logger, 'could not restart the consumer; retrying', { groupId }, LOG_CONTEXT);
    this.rebuilds = new Restarter(
      async () => {
        await this.consumer.disconnect().catch(() => undefined);
        this.consumer = this.createConsumer();
        await this.subscribeAndRun();
      },
      {
        signal: this.shutdown.signal,
        onFailure: (error, ...progress) => {
          this.liveness.outage.begin(error);
          log(error, ...progress);
        },
      },
    );
    this.consumer = this.createConsumer();
    this.deadLetters = new DeadLetterPublisher(kafka, groupId, logger);
    this.gate = new BreakerGate(options.pauseWhile ?? [], options.isBreakerOpenError);
    this.processor = new EventProcessor<Tx>({
      groupId,
      registry: this.registry,
      database: options.database,
      deadLetters: this.deadLetters,
      gate: this.gate,
      observer: this.observer,
      logger,
      retry: retryPolicy(options.retry),
      transaction: { timeoutMs: options.transaction?.timeoutMs ?? CONSUMER_DEFAULTS.transactionTimeoutMs },
    });
    const processTogether = this.processor.processTogether.bind(this.processor);
    if (this.maxEventsPerTransaction > 1 && this.partitionsConsumedConcurrently > 1) {
      const partitions = new PartitionsTogether(processTogether);
      this.handleTogether = (run, heartbeat) => partitions.join(run, heartbeat);
    } else {
      // One event per transaction, or one partition at a time: a batch shares a transaction with nothing else.
      this.handleTogether = async (run, heartbeat) => (await processTogether([run], heartbeat))[0]!;
    }
  }

  private createConsumer(): Consumer {
    const { kafka, groupId, gatherEventsForMs } = this.options;
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? CONSUMER_DEFAULTS.maxWaitTimeInMs,
      ...(gatherEventsForMs !== undefined && { gatherWhileBusy: { minBytes: GATHERED_BYTES, maxWaitTimeInMs: gatherEventsForMs } }),
      sessionTimeout: this.options.sessionTimeout ?? KAFKA_CONSUMER_TIMING.sessionTimeout,
      heartbeatInterval: this.options.heartbeatInterval ?? KAFKA_CONSUMER_TIMING.heartbeatInterval,
      // No restart once stopping: kafkajs would otherwise bring back a consumer stopped during its crash handling.
      retry: { restartOnFailure: async () => this.state === 'starting' || this.state === 'running' },
    });
    // A rejoin, or kafkajs restarting after a crash with a fresh group, forgets pauses.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (this.pausedForBreaker) this.applyPause(true);
    });
    this.liveness.watch(consumer);
    return consumer;
  }

  private async subscribeAndRun(): Promise<void> {
    await this.consumer.connect();
    const fromBeginning = this.options.fromBeginning ?? CONSUMER_DEFAULTS.fromBeginning;
    await this.consumer.subscribe({ topics: this.topics, fromBeginning });
    await this.consumer.run({
      // eachBatch without auto-resolve: an offset is resolved only once its message is done.
      eachBatch: (payload) => this.consumeBatch(payload),
      eachBatchAutoResolve: false,
      autoCommit: true,
      autoCommitInterval: KAFKA_COMMIT_INTERVAL_MS,
      partitionsConsumedConcurrently: this.partitionsConsumedConcurrently,
    });
  }

  /** kafkajs gave up on the consumer: replace it, trying until the broker lets the new one in. */
  private rebuild(): void {
    // Given up on while start() still runs: start() rebuilds it once it is done.
    if (this.state === 'starting') this.rebuildWhenStarted = true;
    if (this.state !== 'running') return;
    this.rebuildWhenStarted = false;
    this.rebuilds.request();
  }

  /** Registers the handler of one event type, before start(). Subscribes to the contract's topic. */
  on<Data>(contract: EventContract<Data, string>, handler: EventHandler<Data, Tx>): this {
    if (this.state !== 'idle') throw new Error('register handlers before start()');
    this.registry.add(contract, handler);
    return this;
  }

  /** Creates the dead-letter topics, joins the group and starts consuming. */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`cannot start a consumer that is ${this.state}`);
    if (this.registry.size === 0) throw new Error('no handler registered: call on() before start()');
    this.state = 'starting';
    this.topics = this.registry.topics();
    try {
      await this.deadLetters.start(this.topics);
      this.unwatchBreakers = this.gate.watch(() => this.followBreakers());
      await this.subscribeAndRun();
    } catch (error) {
      if (this.state === 'starting') {
        // Back to idle, so a caller can try again once Kafka or the database answers.
        this.state = 'idle';
        this.unwatchBreakers?.();
        await Promise.allSettled([this.consumer.disconnect(), this.deadLetters.stop()]);
      }
      throw error;
    }
    if (this.state !== 'starting') return; // stop() was called meanwhile
    this.state = 'running';
    if (this.rebuildWhenStarted) this.rebuild();
    this.followBreakers();
    const { groupId, topics } = this;
    this.logger.log({ msg: 'consuming', groupId, topics, eventTypes: this.registry.size }, LOG_CONTEXT);
  }

  /**
   * Stops fetching, lets the message in hand finish (a retry wait is cut
   * short and its message left for the next owner), commits, leaves the
   * group, disconnects.
   */
  stop(): Promise<void> {
    if (this.state === 'idle' || (this.state === 'stopped' && !this.stopped)) {
      this.state = 'stopped';
      return Promise.resolve();
    }
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  status(): EventConsumerStatus {
    const { outage } = this.liveness;
    return {
      groupId: this.groupId,
      running: this.state === 'running',
      ...(outage.active && { down: outage.describe()! }),
      pausedForBreaker: this.pausedForBreaker,
      pausedPartitions: this.consumer.paused(),
    };
  }

  /** For `/health`: throws while not consuming (since when and why, once running); the pauses otherwise. */
  assertHealthy(): { pausedForBreaker: boolean; pausedPartitions: TopicPartitions[] } {
    if (this.state !== 'running') throw new Error(`consumer group ${this.groupId} is not consuming`);
    this.liveness.assertUp();
    return { pausedForBreaker: this.pausedForBreaker, pausedPartitions: this.consumer.paused() };
  }

  private async shutDown(): Promise<void> {
    this.state = 'stopping';
    this.shutdown.abort();
    this.unwatchBreakers?.();
    await this.rebuilds.settled();
    try {
      await this.consumer.disconnect();
    } finally {
      await this.deadLetters.stop();
      this.state = 'stopped';
      this.logger.log({ msg: 'stopped', groupId: this.groupId }, LOG_CONTEXT);
    }
  }

  /**
   * Several messages fetched together are handled in one transaction
   * (`processTogether`), with those of the partitions handled beside this one
   * (`PartitionsTogether`); if that fails, those messages go one at a time
   * (`process`, with retries, breakers and dead letters) before the next try together.
   */
  private async consumeBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    const { messages } = batch;
    let oneAtATimeUntil = 0;
    for (let next = 0; next < messages.length; ) {
      if (!isRunning() || isStale()) return;
      if (this.pausedForBreaker) {
        // Fetched before the pause: leave it for after the breaker half-opens.
        this.fetchAgainFrom(topic, partition, messages[next]!);
        return;
      }
      if (next >= oneAtATimeUntil) {
        const together = messages.slice(next, next + this.maxEventsPerTransaction).map((message) => ({ topic, partition, message }));
        const done = await this.handleTogether(together, heartbeat);
        if (done > 0) {
          next += done;
          resolveOffset(messages[next - 1]!.offset);
          await commitOffsetsIfNecessary();
          await heartbeat();
          continue;
        }
        oneAtATimeUntil = next + together.length;
      }
      const message = messages[next]!;
      const result = await this.processor.process({ topic, partition, message }, heartbeat, this.shutdown.signal);
      if (!result.done) {
        if (result.because === 'breaker-open') this.followBreakers();
        // Stopping: nothing is resolved past this message, so the next owner of the partition starts at it.
        if (result.because !== 'stopping') this.fetchAgainFrom(topic, partition, message);
        return;
      }
      resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
      next += 1;
    }
  }

  /**
   * Leaves the rest of the batch and makes `message` the partition's next
   * fetch. kafkajs 2.2.4 would fetch from the last resolved offset anyway;
   * the seek says so explicitly, marks the batch stale, and (autoCommit)
   * commits that position at the next fetch.
   */
  private fetchAgainFrom(topic: string, partition: number, message: KafkaMessage): void {
    this.consumer.seek({ topic, partition, offset: message.offset });
  }

  /** Pauses every partition while a breaker is open, resumes when none is (halfOpen or close). */
  private followBreakers(): void {
    const open = this.gate.isOpen();
    if (open === this.pausedForBreaker) return;
    this.pausedForBreaker = open;
    this.applyPause(open);
    if (open) this.logger.warn({ msg: 'a breaker is open: all partitions paused', groupId: this.groupId }, LOG_CONTEXT);
    else this.logger.log({ msg: 'no breaker is open any more: partitions resumed', groupId: this.groupId }, LOG_CONTEXT);
    try {
      this.observer.pausedChanged?.(open);
    } catch (error) {
      this.logger.warn({ msg: 'consumer observer failed', error: (error as Error).message }, LOG_CONTEXT);
    }
  }

  private applyPause(pause: boolean): void {
    const everyPartition = this.topics.map((topic) => ({ topic }));
    try {
      if (pause) this.consumer.pause(everyPartition);
      else this.consumer.resume(everyPartition);
    } catch (error) {
      // Before run() or during a restart there is no group yet; GROUP_JOIN applies the pause then.
      const reason = (error as Error).message;
      this.logger.debug?.({ msg: 'pause/resume deferred to the next group join', error: reason }, LOG_CONTEXT);
    }
  }
}

function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) {
    throw new Error(`retry.attempts must be a positive integer, not ${policy.attempts}`);
  }
  return policy;
}
