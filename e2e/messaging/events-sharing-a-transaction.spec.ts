import { Inject, Injectable, Module } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { defineEvent } from '@shop/event-contracts';
import {
  BreakerRegistry,
  DatabaseModule,
  type EventContext,
  type EventHandlerProvider,
  MessagingModule,
  type MessagingOptions,
  Outbox,
  type PrismaClientLike,
  RuntimeModule,
  SqlTransactions,
} from '@shop/runtime';
import { z } from 'zod';
import { infra, uniqueSuffix } from '../support/environment.js';
import { createTestTopic, testKafka } from '../support/kafka-test-topics.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { waitFor } from '../support/wait-for.js';

const kafka = testKafka('e2e-events-sharing-a-transaction');
const noteSchema = z.object({ orderId: z.string(), seq: z.number() });
type Note = z.infer<typeof noteSchema>;

/** A breaker such as one around an SMTP server, for `pauseWhileBreakersOpen`; the handler never calls it. */
const OUTSIDE_WORLD = 'outside-world';

/**
 * A service whose handler notes the transaction each event was handled in,
 * with the MessagingModule options given: five notes of one key published in
 * one transaction reach its consumer in one fetch.
 */
async function transactionsOfFiveNotes(options: Omit<MessagingOptions, 'handlers'>): Promise<Set<string>> {
  const database: ScratchDatabase<PrismaClientLike> = await createScratchDatabase<PrismaClientLike>('order');
  const note = defineEvent({ type: 'shop.e2e.note.v1', topic: await createTestTopic(kafka, 'note'), version: 1, schema: noteSchema, key: (d) => d.orderId });
  const transactions = new Map<number, string>();

  @Injectable()
  class NoteHandler implements EventHandlerProvider<Note> {
    readonly contract = note;
    constructor(@Inject(BreakerRegistry) breakers: BreakerRegistry) {
      breakers.create(OUTSIDE_WORLD, async () => undefined);
    }
    async handle(data: Note, { tx }: EventContext<Note>) {
      const [{ id }] = await tx.$queryRawUnsafe<{ id: string }[]>('SELECT txid_current()::text AS id');
      transactions.set(data.seq, id!);
    }
  }
  @Module({
    imports: [RuntimeModule, DatabaseModule.forRoot(database.client.constructor as never), MessagingModule.forRoot({ handlers: [NoteHandler], ...options })],
    providers: [NoteHandler],
  })
  class NotingModule {}

  Object.assign(process.env, {
    SERVICE_NAME: `e2e-noting-${uniqueSuffix()}`,
    PORT: '3198',
    DATABASE_URL: database.url,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
  });
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(NotingModule, { logger: ['warn', 'error'] });
    await app.init();
    const serviceTransactions = app.get(SqlTransactions);
    const outbox = app.get(Outbox);
    const orderId = 'order-notes-together'; // one key, one partition; one transaction: the relay sends the five in one batch
    await serviceTransactions.$transaction(async (tx) => {
      for (let seq = 0; seq < 5; seq++) await outbox.publish(tx, note, { orderId, seq });
    });
    await waitFor('five notes handled', async () => (transactions.size === 5 ? true : undefined), { timeoutMs: 30_000 });
    return new Set(transactions.values());
  } finally {
    await app?.close();
    await database.drop();
  }
}

describe('MessagingModule: which events fetched together share a transaction', () => {
  it('handles events fetched together in one transaction by default', async () => {
    expect((await transactionsOfFiveNotes({})).size).toBe(1);
  }, 60_000);

  it('handles each in a transaction of its own with oneEventPerTransaction (inventory: its product locks keep their order)', async () => {
    expect((await transactionsOfFiveNotes({ oneEventPerTransaction: true })).size).toBe(5);
  }, 60_000);

  it('handles each in a transaction of its own when the consumer pauses on a breaker (handlers with outside effects)', async () => {
    expect((await transactionsOfFiveNotes({ pauseWhileBreakersOpen: [OUTSIDE_WORLD] })).size).toBe(5);
  }, 60_000);

  it('handles them in one transaction again with effectsKeyedByEventId (e-mail: each repeat is the same message)', async () => {
    expect((await transactionsOfFiveNotes({ pauseWhileBreakersOpen: [OUTSIDE_WORLD], effectsKeyedByEventId: true })).size).toBe(1);
  }, 60_000);

  it('refuses oneEventPerTransaction with effectsKeyedByEventId', () => {
    expect(() => MessagingModule.forRoot({ oneEventPerTransaction: true, effectsKeyedByEventId: true })).toThrow(/contradict/);
  });
});
