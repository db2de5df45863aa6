import type { INestApplication } from '@nestjs/common';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { Partitioners } from 'kafkajs';
import type { ServiceConfig } from '../config/service-config.js';
import { ReplySerializer } from './reply-serializer.js';

/**
 * Makes the app answer its `@MessagePattern` requests over Kafka (NestJS
 * ServerKafka); replies go to `<pattern>.reply`. Consumer group: `<service>-requests-server`.
 */
export async function serveRequestsOverKafka(app: INestApplication, config: ServiceConfig): Promise<void> {
  app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.KAFKA,
      options: {
        client: { clientId: `${config.SERVICE_NAME}-requests`, brokers: config.KAFKA_BROKERS },
        consumer: { groupId: `${config.SERVICE_NAME}-requests`, allowAutoTopicCreation: false },
        producer: { allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner },
        subscribe: { fromBeginning: false },
        run: { partitionsConsumedConcurrently: 3 },
        serializer: new ReplySerializer(),
      },
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
}
