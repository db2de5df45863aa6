import type { HealthIndicator } from '../../health/health-indicator.js';
import type { EventConsumer } from './event-consumer.js';

/**
 * Reports a consumer in `/health`: down when it is not consuming. Paused for
 * an open breaker is up: waiting out an outage is the consumer doing its job
 * (the breaker's own state says the dependency is down).
 */
export class EventConsumerHealthIndicator implements HealthIndicator {
  readonly name: string;

  constructor(private readonly consumer: Pick<EventConsumer, 'groupId' | 'status'>) {
    this.name = `consumer:${consumer.groupId}`;
  }

  async check() {
    const { running, pausedForBreaker, pausedPartitions } = this.consumer.status();
    if (!running) throw new Error(`consumer group ${this.consumer.groupId} is not consuming`);
    return { pausedForBreaker, pausedPartitions };
  }
}
