import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import type { Reply, RequestContract } from '@shop/event-contracts';
import { firstValueFrom, timeout } from 'rxjs';
import type { Breaker } from '../breaker/create-breaker.js';
import { BreakerRegistry } from '../breaker/breaker.registry.js';
import { isBreakerOpenError } from '../breaker/breaker-errors.js';
import type { ServiceConfig } from '../config/service-config.js';
import { KAFKA_COMMIT_INTERVAL_MS, KAFKA_CONSUMER_TIMING, kafkaClientSettings, REQUEST_REPLY_PRODUCING } from '../kafka/kafka.provider.js';
import { SERVICE_CONFIG } from '../config/service-config.token.js';
import { currentTraceHeaders, messagingAttributes } from '../tracing/kafka-propagation.js';
import { withSpan } from '../tracing/with-span.js';
import { HealthService } from '../health/health.service.js';
import { fail } from './reply.js';
import { deadlineHeader } from './request-deadline.js';
import { ResilientKafkaClient } from './resilient-kafka-client.js';

/** The service called did not answer in time, or its breaker is open: say 503, fast. */
export class ServiceUnavailableError extends Error {}

export const REQUEST_CONTRACTS = Symbol('REQUEST_CONTRACTS');
export const REQUEST_TIMEOUT_MS = Symbol('REQUEST_TIMEOUT_MS');

/**
 * Calls other services over Kafka request-reply (NestJS ClientKafka): the
 * request is validated, carries the trace context and its deadline (the
 * callee does not serve it once that has passed), waits at most the timeout
 * and goes through one breaker per pattern, so a dead service fails fast.
 */
@Injectable()
export class RequestClient implements OnModuleInit, OnApplicationShutdown {
  private readonly client: ResilientKafkaClient;
  private readonly breakers = new Map<string, Breaker<[string, unknown], unknown>>();
  private readonly logger = new Logger('RequestClient');

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(REQUEST_CONTRACTS) contracts: readonly RequestContract<any, any, string>[],
    @Inject(REQUEST_TIMEOUT_MS) private readonly timeoutMs: number,
    registry: BreakerRegistry,
    health: HealthService,
  ) {
    this.client = new ResilientKafkaClient({
      client: { clientId: `${config.SERVICE_NAME}-requests`, brokers: config.KAFKA_BROKERS, ...kafkaClientSettings(this.logger) },
      // A reply group per instance: each instance then reads every reply partition and picks its own
      // reply partition, so instances never rebalance each other, nor outnumber the partitions.
      consumer: { groupId: `${config.SERVICE_NAME}-replies-${randomUUID()}`, allowAutoTopicCreation: false, ...KAFKA_CONSUMER_TIMING },
      ...REQUEST_REPLY_PRODUCING,
      subscribe: { fromBeginning: false },
      run: { autoCommitInterval: KAFKA_COMMIT_INTERVAL_MS },
    });
    for (const contract of contracts) {
      this.client.subscribeToResponseOf(contract.pattern);
      this.breakers.set(
        contract.pattern,
        registry.create(`request:${contract.pattern}`, (pattern: string, message: unknown) => this.send(pattern, message), {
          timeout: false, // the rxjs timeout below bounds each call
        }),
      );
    }
    health.register(this.client.health);
  }

  /** Connects in the background: until Kafka answers, calls fail fast (503) and `/health` says why. */
  onModuleInit() {
    this.client.connectInBackground();
  }

  async onApplicationShutdown() {
    await this.client.close();
  }

  /**
   * Resolves with the callee's reply (ok or error); throws ServiceUnavailableError on timeout or an open breaker.
   * A request its contract refuses is answered INVALID here, without a round trip or a breaker count.
   */
  async call<Request, Value>(contract: RequestContract<Request, Value, string>, request: Request): Promise<Reply<Value>> {
    const breaker = this.breakers.get(contract.pattern);
    if (!breaker) throw new Error(`${contract.pattern} is not among this client's requests`);
    const parsed = contract.parseRequest(request);
    if (!parsed.success) return fail('INVALID', parsed.error, parsed.issues);
    return withSpan(
      `${contract.pattern} request`,
      {
        kind: SpanKind.CLIENT,
        attributes: messagingAttributes({ operation: 'publish', destination: contract.pattern, messageId: '' }),
      },
      async () => {
        let raw: unknown;
        try {
          raw = await breaker.fire(contract.pattern, { value: parsed.data, headers: { ...currentTraceHeaders(), ...deadlineHeader(this.timeoutMs) } });
        } catch (error) {
          const why = isBreakerOpenError(error) ? 'its breaker is open' : (error as Error).message;
          this.logger.warn({ msg: 'request failed', pattern: contract.pattern, why });
          throw new ServiceUnavailableError(`${contract.pattern} unavailable: ${why}`);
        }
        const reply = contract.parseReply(raw);
        if (!reply.success) throw new Error(`${contract.pattern} answered an invalid reply: ${reply.error}`);
        return reply.data;
      },
    );
  }

  private send(pattern: string, message: unknown): Promise<unknown> {
    return firstValueFrom(this.client.send(pattern, message).pipe(timeout(this.timeoutMs)));
  }
}
