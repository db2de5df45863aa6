import { type INestApplication, Logger } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { ServiceConfig } from '../config/service-config.js';
import { KAFKA_COMMIT_INTERVAL_MS, KAFKA_CONSUMER_TIMING, kafkaClientSettings, REQUEST_REPLY_PRODUCING } from '../kafka/kafka.provider.js';
import type { HealthService } from '../health/health.service.js';
import { ReplySerializer } from './reply-serializer.js';
import { ResilientKafkaServer } from './resilient-kafka-server.js';

/**
 * Makes the app answer its `@MessagePattern` requests over Kafka (NestJS
 * ServerKafka, started in the background and restarted when kafkajs gives up
 * on it, in `/health`); replies go to `<pattern>.reply`. Consumer group:
 * `<service>-requests-server`. Resolves once it consumes; an app calls it
 * once it listens, and need not wait.
 */
export function serveRequestsOverKafka(app: INestApplication, config: ServiceConfig, health?: HealthService): Promise<void> {
  const server = new ResilientKafkaServer({
    client: { clientId: `${config.SERVICE_NAME}-requests`, brokers: config.KAFKA_BROKERS, ...kafkaClientSettings(new Logger('kafka')) },
    consumer: { groupId: `${config.SERVICE_NAME}-requests`, allowAutoTopicCreation: false, ...KAFKA_CONSUMER_TIMING },
    ...REQUEST_REPLY_PRODUCING,
    subscribe: { fromBeginning: false },
    run: { partitionsConsumedConcurrently: 3, autoCommitInterval: KAFKA_COMMIT_INTERVAL_MS },
    serializer: new ReplySerializer(),
  });
  app.connectMicroservice<MicroserviceOptions>({ strategy: server }, { inheritAppConfig: true });
  health?.register(server.health);
  return server.startInBackground(() => app.startAllMicroservices());
}
