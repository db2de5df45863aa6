import type { LoggerService } from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import { Outage } from '../health/outage.js';

const LOG_CONTEXT = 'ConsumerLiveness';

/**
 * Follows a kafkajs consumer through broker outages: down from a crash until
 * it joins its group again. kafkajs restarts a consumer by itself after a
 * retriable crash (the broker went away, a request timed out); after any
 * other crash it stays stopped, and `onGivenUp` lets the owner build a new one.
 */
export class ConsumerLiveness {
  readonly outage = new Outage();

  constructor(
    private readonly groupId: string,
    private readonly logger: LoggerService,
    private readonly onGivenUp: (error: Error) => void,
  ) {}

  /** Watches a consumer; call again for each consumer that replaces it. */
  watch(consumer: Consumer): void {
    consumer.on(consumer.events.CRASH, ({ payload: { error, restart } }) => {
      this.outage.begin(error);
      if (restart) {
        // A broker still starting, a rebalance, a blip: kafkajs rejoins; /health says so meanwhile.
        this.logger.log({ msg: 'consumer rejoining its group after an error', groupId: this.groupId, error: error.message }, LOG_CONTEXT);
      } else {
        this.logger.warn({ msg: 'consumer stopped by an error; starting a new one', groupId: this.groupId, error: error.message }, LOG_CONTEXT);
        this.onGivenUp(error);
      }
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      const downForMs = this.outage.downForMs;
      if (this.outage.end()) this.logger.log({ msg: 'consuming again', groupId: this.groupId, downForMs }, LOG_CONTEXT);
    });
  }

  /** Throws, saying since when and why, while the consumer is down. */
  assertUp(): void {
    this.outage.assertUp(`consumer group ${this.groupId} cannot consume`);
  }
}
