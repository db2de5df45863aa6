import type { DeadLetterOperations, DeadLetterPage, ReplayResult } from '@shop/runtime';

type Operations = Pick<DeadLetterOperations, 'list' | 'replay'>;

/** Stands in for the runtime's DeadLetterOperations: answers as the test says (no answer: Kafka is down), records each call. */
export class FakeDeadLetterOperations implements Operations {
  readonly calls: { operation: 'list' | 'replay'; topic: string; groupId: string; options: unknown }[] = [];
  listed?: (topic: string, groupId: string) => Promise<DeadLetterPage>;
  replayed?: (topic: string, groupId: string) => Promise<ReplayResult>;

  reset(): void {
    this.calls.length = 0;
    this.listed = undefined;
    this.replayed = undefined;
  }

  list(topic: string, groupId: string, options: Parameters<Operations['list']>[2]): Promise<DeadLetterPage> {
    this.calls.push({ operation: 'list', topic, groupId, options });
    return this.listed ? this.listed(topic, groupId) : kafkaDown();
  }

  replay(topic: string, groupId: string, options: Parameters<Operations['replay']>[2]): Promise<ReplayResult> {
    this.calls.push({ operation: 'replay', topic, groupId, options });
    return this.replayed ? this.replayed(topic, groupId) : kafkaDown();
  }
}

/** What kafkajs throws when no broker answers. */
function kafkaDown(): Promise<never> {
  const error = new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
  error.name = 'KafkaJSConnectionError';
  return Promise.reject(error);
}
