import type { HealthIndicator } from '../../health/health-indicator.js';
import type { EventConsumer } from './event-consumer.js';

/**
 * Reports a consumer in `/health`: down when it is not consuming, with since
 * when and why while the broker is away. Paused for an open breaker is up:
 * waiting out an outage is the consumer doing its job (the breaker's own state
 * says the dependency is down).
 */
export class EventConsumerHealthIndicator implements HealthIndicator {
  readonly name: string;

  constructor(private readonly consumer: Pick<EventConsumer, 'groupId' | 'assertHealthy'>) {
    this.name = `consumer:${consumer.groupId}`;
  }

  async check() {
    return this.consumer.assertHealthy();
  }
}
