import { randomUUID } from 'node:crypto';
import { prismaClientOptions } from '@shop/runtime';
import { PrismaClient } from '../../apps/order/src/generated/prisma/client.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';

type Prepared = { name: string; statement: string };
const preparedHere = `SELECT name, statement FROM pg_prepared_statements WHERE statement NOT LIKE '%pg_prepared_statements%' ORDER BY name`;

/**
 * The services' Prisma clients (prismaClientOptionsOn) have PostgreSQL prepare each
 * statement once a connection, and keep working through the failures a
 * statement meets: against a real PostgreSQL, since what is checked is its own
 * record of what a session prepared.
 */
describe('prismaClientOptions: statements prepared once a connection', () => {
  let database: ScratchDatabase<PrismaClient>;
  let oneConnection: PrismaClient;
  beforeAll(async () => {
    database = await createScratchDatabase<PrismaClient>('order');
    oneConnection = new PrismaClient(prismaClientOptions(database.url, { max: 1 }));
  });
  afterAll(async () => {
    await oneConnection?.$disconnect();
    await database?.drop();
  });

  it('prepares a model query and a raw one by name, once however often they run', async () => {
    const prepared = await oneConnection.$transaction(async (tx) => {
      for (let i = 0; i < 3; i++) {
        await tx.order.findUnique({ where: { id: randomUUID() } });
        await tx.$queryRawUnsafe('SELECT $1::int + 1 AS next', i);
      }
      return tx.$queryRawUnsafe<Prepared[]>(preparedHere);
    });
    const statements = prepared.map(({ statement }) => statement);
    expect(statements).toEqual(expect.arrayContaining(['SELECT $1::int + 1 AS next', expect.stringMatching(/^SELECT .* FROM "public"\."Order" WHERE/)]));
    // Transaction control is left unnamed, so that pg_stat_statements goes on counting every BEGIN and COMMIT.
    expect(statements).not.toContain('BEGIN');
    expect(new Set(statements).size).toBe(statements.length);
    for (const { name } of prepared) expect(name).toMatch(/^shop_\d+$/);
  });

  it('runs a prepared statement again after it failed, and after a statement that could not be prepared', async () => {
    const insert = (id: string) =>
      oneConnection.$executeRawUnsafe(
        `INSERT INTO "Order" (id, "customerId", email, items, "shippingAddress", "idempotencyKey", "updatedAt")
         VALUES ($1::uuid, 'c-1', 'c-1@example.com', '[]', '{}', $1, now())`,
        id,
      );
    const id = randomUUID();
    await expect(insert(id)).resolves.toBe(1);
    await expect(insert(id)).rejects.toThrow(/Unique constraint|duplicate key/);
    await expect(oneConnection.$queryRawUnsafe('SELEC nothing')).rejects.toThrow(/syntax/);
    await expect(insert(randomUUID())).resolves.toBe(1);
    expect(await oneConnection.order.count()).toBe(2);
  });
});
