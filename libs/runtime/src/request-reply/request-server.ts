import type { INestApplication } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { Partitioners } from 'kafkajs';
import type { ServiceConfig } from '../config/service-config.js';
import { KAFKA_RETRY, KAFKA_SESSION_TIMEOUT_MS } from '../kafka/kafka.provider.js';
import { HealthService } from '../health/health.service.js';
import { ReplySerializer } from './reply-serializer.js';
import { ResilientKafkaServer } from './resilient-kafka-server.js';

/**
 * Makes the app answer its `@MessagePattern` requests over Kafka (NestJS
 * ServerKafka, restarted when kafkajs gives up on it, in `/health`); replies go
 * to `<pattern>.reply`. Consumer group: `<service>-requests-server`.
 */
export async function serveRequestsOverKafka(app: INestApplication, config: ServiceConfig): Promise<void> {
  const server = new ResilientKafkaServer({
    client: { clientId: `${config.SERVICE_NAME}-requests`, brokers: config.KAFKA_BROKERS, retry: KAFKA_RETRY },
    consumer: { groupId: `${config.SERVICE_NAME}-requests`, allowAutoTopicCreation: false, sessionTimeout: KAFKA_SESSION_TIMEOUT_MS },
    producer: { allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner },
    subscribe: { fromBeginning: false },
    run: { partitionsConsumedConcurrently: 3 },
    serializer: new ReplySerializer(),
  });
  app.connectMicroservice<MicroserviceOptions>({ strategy: server }, { inheritAppConfig: true });
  app.get(HealthService).register(server);
  await app.startAllMicroservices();
}
