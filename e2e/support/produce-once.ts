import type { Kafka } from 'kafkajs';

/**
 * Produces one message, trying once: resolves to the error (a refusal shows as
 * an error, not as retries until a timeout), or undefined when it was written.
 */
export async function produceOnce(kafka: Kafka, topic: string, key = 'it-probe'): Promise<Error | undefined> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
  try {
    await producer.connect();
    await producer.send({ topic, messages: [{ key, value: '{}' }] });
    return undefined;
  } catch (error) {
    return error as Error;
  } finally {
    await producer.disconnect();
  }
}
