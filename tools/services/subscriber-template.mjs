// The files of a new subscriber (see subscriber.mjs): its package manifest,
// its entry point, its module, one handler per event type with its spec, its
// schema and first migration, its README. The runtime's shared Prisma pieces
// are added by tools/prisma/app-schema.mjs.

const pascal = (text) => text.replace(/(^|[-.])([a-z0-9])/g, (_, _sep, letter) => letter.toUpperCase());
/** shop.order.placed.v1 → order-placed */
const handlerSlug = (type) => type.split('.').slice(1, -1).join('-');
/** shop.order.placed.v1 → OrderPlacedV1 (the contracts library's type of its data) */
const dataType = (event) => pascal(event.exportName);

/** The dependencies a subscriber needs, at the versions the other apps use. */
const DEPENDENCIES = ['@nestjs/common', '@nestjs/core', '@prisma/adapter-pg', '@prisma/client', '@shop/event-contracts', '@shop/runtime', 'pg', 'prisma', 'reflect-metadata'];
const DEV_DEPENDENCIES = ['@types/pg', 'typescript'];

function manifest({ name, port, events, dependencies: reference }) {
  const pick = (names, from) => Object.fromEntries(names.map((dependency) => [dependency, from[dependency]]));
  return `${JSON.stringify(
    {
      name: `@shop/${name}`,
      version: '0.1.0',
      private: true,
      type: 'module',
      shop: { port, subscriber: true },
      description: `Subscribes to ${events.map((e) => e.type).join(', ')} (made by ./shop new subscriber).`,
      scripts: reference.scripts && Object.fromEntries(Object.entries(reference.scripts).filter(([script]) => ['prisma:generate', 'db:migrate', 'build', 'typecheck', 'start'].includes(script))),
      dependencies: pick(DEPENDENCIES, reference.dependencies),
      devDependencies: pick(DEV_DEPENDENCIES, reference.devDependencies),
    },
    null,
    2,
  )}\n`;
}

const mainTs = (name) => `import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { ${pascal(name)}Module } from './${name}.module.js';

await runService(${pascal(name)}Module);
`;

const moduleTs = (name, events) => `import { Module } from '@nestjs/common';
import { DatabaseModule, MessagingModule, RuntimeModule } from '@shop/runtime';
import { PrismaClient } from './generated/prisma/client.js';
${events.map((e) => `import { ${pascal(handlerSlug(e.type))}Handler } from './handlers/${handlerSlug(e.type)}.handler.js';`).join('\n')}

const HANDLERS = [${events.map((e) => `${pascal(handlerSlug(e.type))}Handler`).join(', ')}];

/** ${name}: a subscriber of ${events.map((e) => e.type).join(', ')}, with a database of its own. */
@Module({
  imports: [RuntimeModule, DatabaseModule.forRoot(PrismaClient), MessagingModule.forRoot({ handlers: HANDLERS })],
  providers: HANDLERS,
})
export class ${pascal(name)}Module {}
`;

const handlerTs = (event) => {
  const handler = `${pascal(handlerSlug(event.type))}Handler`;
  const type = dataType(event);
  return `import { Injectable } from '@nestjs/common';
import { Events, type ${type} } from '@shop/event-contracts';
import { type EventContext, type EventHandlerProvider, insertUnlessPresent } from '@shop/runtime';
import { Prisma } from '../generated/prisma/client.js';

/**
 * ${event.type}, from ${event.producer}${event.description ? `: ${event.description}` : ''}
 *
 * Called once per event, past ones first (a new subscriber reads the shop's
 * history from its first event), in order for each order. What it writes
 * through \`tx\` (SQL, or the runtime's insertUnlessPresent and upsertAll
 * of rows typed by the generated client) commits together with the record
 * that the event was handled; throwing retries the event, and dead-letters
 * it after the last try.
 */
@Injectable()
export class ${handler} implements EventHandlerProvider<${type}> {
  readonly contract = Events.${event.exportName};

  async handle(data: ${type}, { tx, envelope }: EventContext<${type}>): Promise<void> {
    // The subscriber's own state: replace it with what this service needs to remember.
    await insertUnlessPresent(tx, Prisma.ModelName.SeenEvent, {
      eventId: envelope.id,
      subject: envelope.subject,
      type: envelope.type,
      occurredAt: new Date(envelope.time),
    } satisfies Prisma.SeenEventCreateManyInput);
  }
}
`;
};

const handlerSpecTs = (event) => {
  const handler = `${pascal(handlerSlug(event.type))}Handler`;
  return `import { type EventEnvelope, eventExample } from '@shop/event-contracts';
import type { EventContext } from '@shop/runtime';
import { ${handler} } from './${handlerSlug(event.type)}.handler.js';

describe('${handler}', () => {
  it('remembers the event, through the transaction it is given', async () => {
    const data = eventExample('${event.type}');
    const envelope = { id: '3f6c2a4e-9b1d-4c8e-8f7a-2d5b6e9c1a0f', type: '${event.type}', time: '2026-12-02T10:00:00.000Z', subject: data.${event.key}, data } as EventEnvelope<typeof data>;
    const statements: { sql: string; values: unknown[] }[] = [];
    const tx = { $executeRawUnsafe: async (sql: string, ...values: unknown[]) => statements.push({ sql, values }) };

    await new ${handler}().handle(data, { tx, envelope } as unknown as EventContext<typeof data>);

    expect(statements).toEqual([
      { sql: expect.stringMatching(/^INSERT INTO "SeenEvent" \\("eventId", "subject", "type", "occurredAt"\\)/), values: [envelope.id, data.${event.key}, '${event.type}', new Date(envelope.time)] },
    ]);
  });
});
`;
};

const schemaPrisma = (name, header) => `// ${name}'s database: what it keeps of the events it subscribes to.

${header}
/// One row per event handled: the subscriber's own state, to replace with what it needs to remember.
model SeenEvent {
  eventId    String   @id @db.Uuid
  /// What the event is about, its ce_subject (and Kafka key): the order id, or a product's sku for a restock.
  subject    String
  type       String
  occurredAt DateTime
  receivedAt DateTime @default(now())

  @@index([subject])
}
`;

const initMigration = `-- CreateTable
CREATE TABLE "SeenEvent" (
    "eventId" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeenEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateIndex
CREATE INDEX "SeenEvent_subject_idx" ON "SeenEvent"("subject");
`;

const readme = (name, port, events) => `# ${name}

A subscriber made by \`./shop new subscriber ${name} --events ${events.map((e) => e.type).join(',')}\`.
It consumes, as the consumer group \`${name}\`, with a database of its own
(\`shop_${name.replaceAll('-', '_')}\`, schema in \`prisma/schema.prisma\`), on port ${port}:

| event | topic | from | handler |
| --- | --- | --- | --- |
${events.map((e) => `| \`${e.type}\` | \`${e.topic}\` | ${e.producer} | \`src/handlers/${handlerSlug(e.type)}.handler.ts\` |`).join('\n')}

Started for the first time, it reads the shop's whole history from the first
event (the topics keep every event, docs/adr/0001-event-log-kept-for-ever.md),
then goes on live; \`./shop catch-up ${name}\` shows its progress. Each event is
handled once: the runtime records it in the same transaction as the handler's
writes; a failing handler is retried, then the event is dead-lettered to
\`<topic>.dlq.${name}\`.

- **Change what it does**: edit the handlers, and the model in
  \`prisma/schema.prisma\` with a new migration under \`prisma/migrations/\`
  (\`prisma migrate dev\` where Prisma's engine downloads, or by hand).
- **Subscribe to another event**: add a handler class (\`readonly contract =
  Events.<name>\`, \`./shop events\` lists them) and list it in \`HANDLERS\` in
  \`src/${name}.module.ts\`.
- **Remove it**: \`./shop remove subscriber ${name}\` (its folder, database,
  consumer group and dead letters).
`;

/** Every file of the new subscriber, by path in its folder. */
export function subscriberFiles({ name, port, events, dependencies, createdAt, schemaHeader }) {
  const stamp = createdAt.toISOString().replace(/\D/g, '').slice(0, 14);
  const files = {
    'package.json': manifest({ name, port, events, dependencies }),
    'tsconfig.json': '{ "extends": "../../tsconfig.app.json" }\n',
    'tsconfig.build.json': '{ "extends": "../../tsconfig.app.build.json" }\n',
    'README.md': readme(name, port, events),
    'src/main.ts': mainTs(name),
    [`src/${name}.module.ts`]: moduleTs(name, events),
    'prisma/schema.prisma': schemaPrisma(name, schemaHeader),
    [`prisma/migrations/${stamp}_init/migration.sql`]: initMigration,
  };
  for (const event of events) {
    files[`src/handlers/${handlerSlug(event.type)}.handler.ts`] = handlerTs(event);
    files[`src/handlers/${handlerSlug(event.type)}.handler.spec.ts`] = handlerSpecTs(event);
  }
  return files;
}


