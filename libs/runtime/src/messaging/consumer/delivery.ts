import type { KafkaMessage } from 'kafkajs';

/** One message as the broker delivered it to this consumer. */
export interface Delivery {
  topic: string;
  partition: number;
  message: KafkaMessage;
}
