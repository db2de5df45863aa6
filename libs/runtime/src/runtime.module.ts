import { Global, Inject, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { loadConfig, serviceConfigSchema, type ServiceConfig } from './config/service-config.js';
import { SERVICE_CONFIG } from './config/service-config.token.js';
import { retentionConfigSchema } from './config/retention-config.js';
import { RETENTION_CONFIG } from './config/retention-config.token.js';
import { BreakerRegistry } from './breaker/breaker.registry.js';
import { HealthController } from './health/health.controller.js';
import { HealthService } from './health/health.service.js';
import { KafkaHealthIndicator } from './kafka/kafka-health.indicator.js';
import { createKafka } from './kafka/kafka.provider.js';
import { KAFKA } from './kafka/kafka.token.js';
import { DeadLetterOperations } from './messaging/dead-letter-replay/dead-letter-operations.js';

// Still exported here, where the package's index finds it for the apps (`import { KAFKA } from '@shop/runtime'`).
export { KAFKA } from './kafka/kafka.token.js';

/**
 * What every service gets: validated config (its own and the retention of the
 * runtime's tables), a Kafka client, `/health`, and
 * the operations on its Kafka an operator needs (dead letters; only the
 * gateway exposes them). Import it once in the app's root module.
 */
@Global()
@Module({
  controllers: [HealthController],
  providers: [
    { provide: SERVICE_CONFIG, useFactory: () => loadConfig(serviceConfigSchema) },
    { provide: RETENTION_CONFIG, useFactory: () => loadConfig(retentionConfigSchema) },
    {
      provide: KAFKA,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) =>
        createKafka(config.SERVICE_NAME, config.KAFKA_BROKERS, new Logger('kafka')),
    },
    HealthService,
    BreakerRegistry,
    DeadLetterOperations,
  ],
  exports: [SERVICE_CONFIG, RETENTION_CONFIG, KAFKA, HealthService, BreakerRegistry, DeadLetterOperations],
})
export class RuntimeModule implements OnModuleInit, OnApplicationShutdown {
  private readonly kafkaHealth: KafkaHealthIndicator;

  constructor(@Inject(KAFKA) kafka: Kafka, private readonly health: HealthService) {
    this.kafkaHealth = new KafkaHealthIndicator(kafka);
  }

  onModuleInit() {
    this.health.register(this.kafkaHealth);
  }

  async onApplicationShutdown() {
    await this.kafkaHealth.close();
  }
}
