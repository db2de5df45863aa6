import type { Admin, Kafka } from 'kafkajs';
import type { HealthIndicator } from '../health/health-indicator.js';

/** Reports the broker reachable when a DescribeCluster round trip succeeds. */
export class KafkaHealthIndicator implements HealthIndicator {
  readonly name = 'kafka';
  private admin?: Admin;
  private connecting?: Promise<void>;

  constructor(private readonly kafka: Kafka) {}

  async check() {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      this.connecting = this.admin.connect();
    }
    try {
      await this.connecting;
      const cluster = await this.admin.describeCluster();
      return { brokers: cluster.brokers.length, controller: cluster.controller };
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async close() {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
