import { randomUUID } from 'node:crypto';
import {
  type DatabasePool,
  type InMemoryTracing,
  isDatabaseUnavailable,
  openDatabasePool,
  prismaClientOptionsOn,
  SqlTransactions,
  startInMemoryTracing,
  TransactionTimeoutError,
} from '@shop/runtime';
import { Prisma, PrismaClient } from '../../apps/order/src/generated/prisma/client.js';
import { asAdmin } from '../support/postgres-admin.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';

const insertOrder = (id: string, updatedAt: Date) => Prisma.sql`
  INSERT INTO "Order" (id, "customerId", email, items, "shippingAddress", "idempotencyKey", "updatedAt")
  VALUES (${id}::uuid, 'c-1', 'c-1@example.com', ${JSON.stringify([{ sku: 'SKU-1', quantity: 1 }])}::jsonb, ${{ city: 'Lyon' }}::jsonb, ${id}, ${updatedAt})`;

/**
 * The runtime's own transactions (SqlTransactions), on the pool a service's
 * Prisma client shares, against a real PostgreSQL: what commits, what rolls
 * back, how values go and rows come back, and how a transaction ends that
 * runs too long or loses its connection.
 */
describe('SqlTransactions', () => {
  let database: ScratchDatabase<PrismaClient>;
  let connections: DatabasePool;
  let prisma: PrismaClient;
  let transactions: SqlTransactions;
  let tracing: InMemoryTracing;
  beforeAll(async () => {
    database = await createScratchDatabase<PrismaClient>('order');
    // One connection: every test also shows the connection was given back (or replaced), or the next one would wait.
    connections = openDatabasePool(database.url, { max: 1 });
    prisma = new PrismaClient(prismaClientOptionsOn(connections));
    transactions = new SqlTransactions(connections);
    tracing = startInMemoryTracing('sql-transactions-spec');
  });
  afterAll(async () => {
    await tracing?.shutdown();
    await prisma?.$disconnect();
    await connections?.pool.end();
    await database?.drop();
  });
  const orderCount = () => prisma.order.count();

  it("commits the function's statements together, and none of them when it throws", async () => {
    const before = await orderCount();
    await transactions.$transaction(async (tx) => {
      await tx.$executeRaw(insertOrder(randomUUID(), new Date()));
      await tx.$executeRaw(insertOrder(randomUUID(), new Date()));
    });
    expect(await orderCount()).toBe(before + 2);

    const failure = new Error('the handler failed');
    await expect(
      transactions.$transaction(async (tx) => {
        await tx.$executeRaw(insertOrder(randomUUID(), new Date()));
        throw failure;
      }),
    ).rejects.toBe(failure);
    await expect(
      transactions.$transaction(async (tx) => {
        await tx.$executeRaw(insertOrder(randomUUID(), new Date()));
        await tx.$queryRawUnsafe('SELEC 1');
      }),
    ).rejects.toThrow(/syntax/);
    expect(await orderCount()).toBe(before + 2);
  });

  it("sends values and reads rows back as Prisma's raw queries do", async () => {
    const id = randomUUID();
    const updatedAt = new Date('2026-03-29T01:30:00.123Z');
    const row = await transactions.$transaction(async (tx) => {
      await tx.$executeRaw(insertOrder(id, updatedAt));
      const [read] = await tx.$queryRaw<{ updatedAt: Date; items: unknown; shippingAddress: unknown; orders: bigint; status: string }[]>`
        SELECT "updatedAt", items, "shippingAddress", (SELECT count(*) FROM "Order") AS orders, status
        FROM "Order" WHERE id = ${id}::uuid AND ${Prisma.sql`"customerId" = ${'c-1'}`}`;
      return read!;
    });
    expect(row.updatedAt).toEqual(updatedAt);
    expect(row.items).toEqual([{ sku: 'SKU-1', quantity: 1 }]);
    expect(row.shippingAddress).toEqual({ city: 'Lyon' });
    expect(typeof row.orders).toBe('bigint');
    expect(row.status).toBe('PENDING');
    // The instant Prisma's own client reads from the column is the one written.
    expect((await prisma.order.findUniqueOrThrow({ where: { id } })).updatedAt).toEqual(updatedAt);
  });

  it('rolls back a transaction that outlives its timeout, ending the statement it waits on', async () => {
    const id = randomUUID();
    const outcome = transactions.$transaction(
      async (tx) => {
        await tx.$executeRaw(insertOrder(id, new Date()));
        await tx.$executeRaw`SELECT pg_sleep(30)`;
      },
      { timeout: 300 },
    );
    await expect(outcome).rejects.toBeInstanceOf(TransactionTimeoutError);
    expect(await prisma.order.findUnique({ where: { id } })).toBeNull();
    await expect(transactions.$transaction((tx) => tx.$queryRaw`SELECT 1 AS one`)).resolves.toEqual([{ one: 1 }]);
  });

  it('refuses a statement after the transaction ended', async () => {
    const kept = await transactions.$transaction(async (tx) => tx);
    await expect(kept.$queryRaw`SELECT 1`).rejects.toThrow(/transaction has ended/);
  });

  it('fails as the database being unavailable when its connection breaks, and the next transaction has a fresh one', async () => {
    const outcome = transactions.$transaction(async (tx) => {
      const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      await asAdmin('SELECT pg_terminate_backend($1)', [pid]);
      await tx.$queryRaw`SELECT 1`;
    });
    const error = await outcome.then(() => undefined, (thrown: unknown) => thrown);
    expect(isDatabaseUnavailable(error)).toBe(true);
    await expect(transactions.$transaction((tx) => tx.$queryRaw`SELECT 2 AS two`)).resolves.toEqual([{ two: 2 }]);
  });

  it("prepares a statement once a connection under the names Prisma's client uses on it", async () => {
    const text = 'SELECT $1::int * 2 AS doubled';
    await prisma.$queryRawUnsafe(text, 1);
    const prepared = await transactions.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(text, 2);
      return tx.$queryRawUnsafe<{ name: string }[]>('SELECT name FROM pg_prepared_statements WHERE statement = $1', text);
    });
    expect(prepared).toEqual([{ name: expect.stringMatching(/^shop_\d+$/) }]);
  });

  it('traces the transaction, with a span for each statement holding its SQL but not its values', async () => {
    tracing.reset();
    const id = randomUUID();
    await transactions.$transaction(async (tx) => {
      await tx.$executeRaw(insertOrder(id, new Date()));
      await tx.$queryRaw`SELECT id FROM "Order" WHERE id = ${id}::uuid`;
    });
    const spans = await tracing.spans();
    const transaction = spans.find((span) => span.name === 'pg.transaction')!;
    const statements = spans.filter((span) => span.name === 'pg.query');
    expect(statements.map((span) => span.parentSpanContext?.spanId)).toEqual([transaction.spanContext().spanId, transaction.spanContext().spanId]);
    expect(statements.map((span) => span.attributes['db.query.text'])).toEqual([
      expect.stringContaining('INSERT INTO "Order"'),
      'SELECT id FROM "Order" WHERE id = $1::uuid',
    ]);
    expect(JSON.stringify(statements.map((span) => span.attributes))).not.toContain(id);
  });
});
