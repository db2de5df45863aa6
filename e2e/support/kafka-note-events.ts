import { randomUUID } from 'node:crypto';
import { defineEvent, toKafkaHeaders, type EventContract } from '@shop/event-contracts';
import { type IHeaders, type Kafka, type Producer, Partitioners } from 'kafkajs';
import { z } from 'zod';

/** The test event of the consumer specs: a numbered note on an order. */
export const noteSchema = z.object({ orderId: z.uuid(), seq: z.number().int().nonnegative() });
export type Note = z.infer<typeof noteSchema>;
export type NoteContract = EventContract<Note, string>;

export function noteTakenOn(topic: string): NoteContract {
  return defineEvent({ type: 'shop.e2e.note-taken.v1', topic, version: 1, schema: noteSchema, key: (note) => note.orderId });
}

export const SAMPLE_TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

export interface ProduceOptions {
  /** ce_id; a fresh uuid unless given (give the same one twice for a redelivered event). */
  id?: string;
  type?: string;
  /** Extra headers, or replacements for the envelope's. */
  headers?: IHeaders;
  /** Envelope headers to leave out, to make the envelope invalid. */
  withoutHeaders?: string[];
  /** The raw value instead of the JSON of `data`. */
  rawValue?: string;
}

export interface Produced {
  id: string;
  key: string;
  value: string;
  partition: number;
  offset: string;
}

/** Produces events the way the outbox relay does: key = contract key, CloudEvents headers, JSON value. */
export class NoteProducer {
  private readonly producer: Producer;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  }

  connect() {
    return this.producer.connect();
  }

  disconnect() {
    return this.producer.disconnect();
  }

  /** One event, alone in its request, so the broker's answer says where it landed. */
  async send(contract: NoteContract, note: Note, options: ProduceOptions = {}): Promise<Produced> {
    const { id, message } = this.message(contract, note, options);
    const [metadata] = await this.producer.send({ topic: contract.topic, messages: [message] });
    return { id, key: message.key, value: message.value, partition: metadata!.partition, offset: metadata!.baseOffset! };
  }

  /** Many events in one request; each partition keeps their relative order. */
  async sendAll(contract: NoteContract, notes: Note[]): Promise<void> {
    await this.producer.send({ topic: contract.topic, messages: notes.map((note) => this.message(contract, note, {}).message) });
  }

  private message(contract: NoteContract, note: Note, options: ProduceOptions) {
    const id = options.id ?? randomUUID();
    const headers: IHeaders = {
      ...toKafkaHeaders({
        id,
        type: options.type ?? contract.type,
        source: '/shop/e2e',
        specversion: '1.0',
        time: new Date().toISOString(),
        subject: note.orderId,
        correlationId: id,
        causationId: id,
        traceparent: SAMPLE_TRACEPARENT,
      }),
      ...options.headers,
    };
    for (const name of options.withoutHeaders ?? []) delete headers[name];
    return { id, message: { key: contract.key(note), value: options.rawValue ?? JSON.stringify(note), headers } };
  }
}
