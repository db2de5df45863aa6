import type { LoggerService } from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import type { HealthIndicator } from '../health/health-indicator.js';
import { ConsumerLiveness } from '../kafka/consumer-liveness.js';

/**
 * The `/health` of a Nest Kafka transport (the request server, the request
 * client): down until it has started, then from any crash of its consumer
 * until that consumer joins its group again. `closing` ends its retries.
 */
export class TransportHealth implements HealthIndicator {
  readonly closing = new AbortController();
  started = false;
  private readonly liveness: ConsumerLiveness;

  constructor(
    readonly name: string,
    private readonly notStarted: string,
    groupId: string,
    logger: LoggerService,
    onGivenUp: () => void,
  ) {
    this.liveness = new ConsumerLiveness(groupId, logger, onGivenUp);
  }

  watch(consumer: Consumer | null): void {
    if (consumer) this.liveness.watch(consumer);
  }

  async check() {
    if (!this.started) throw new Error(this.notStarted);
    this.liveness.assertUp();
  }
}
