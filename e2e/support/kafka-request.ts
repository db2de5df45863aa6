import { randomUUID } from 'node:crypto';
import type { Reply, RequestContract } from '@shop/event-contracts';
import { type Kafka, Partitioners } from 'kafkajs';
import { uniqueSuffix } from './environment.js';
import { deleteGroups, startGroupAtEnd } from './order-events.js';
import { waitFor } from './wait-for.js';

/**
 * Sends one request the way NestJS ClientKafka does and keeps every reply to
 * it until one passes `accept`: another service on the shared topic (the
 * demo's, say) may answer too, so a test looks for the reply that is about
 * its own data. Every reply is parsed with the contract. `headers` go with
 * the request besides the correlation ones.
 */
export async function askUntil<Request, Value>(
  kafka: Kafka,
  contract: RequestContract<Request, Value, string>,
  request: Request,
  accept: (reply: Reply<Value>) => boolean,
  headers: Record<string, string> = {},
): Promise<Reply<Value>> {
  const correlationId = randomUUID();
  const replies: unknown[] = [];
  const groupId = `it-replies-${uniqueSuffix()}`;
  await startGroupAtEnd(kafka, groupId, [contract.replyTopic]);
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await Promise.all([consumer.connect(), producer.connect()]);
  try {
    await consumer.subscribe({ topic: contract.replyTopic });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.headers?.kafka_correlationId?.toString() === correlationId) replies.push(JSON.parse(message.value!.toString()));
      },
    });
    await producer.send({
      topic: contract.pattern,
      messages: [{ value: JSON.stringify(request), headers: { ...headers, kafka_correlationId: correlationId, kafka_replyTopic: contract.replyTopic } }],
    });
    return await waitFor(`a ${contract.pattern} reply`, async () => {
      for (const raw of replies) {
        const reply = contract.parseReply(raw);
        if (reply.success && accept(reply.data)) return reply.data;
      }
      return undefined;
    });
  } finally {
    await Promise.all([consumer.disconnect(), producer.disconnect()]);
    await deleteGroups(kafka, [groupId]);
  }
}
