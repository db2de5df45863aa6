import { insertAllUnlessPresent, insertUnlessPresent, upsertAll } from './insert-rows.js';

/** Records the statement and answers with `affected` rows, as PostgreSQL would. */
function recordingDb(affected: number) {
  const calls: { sql: string; values: unknown[] }[] = [];
  return {
    calls,
    $executeRawUnsafe: async (sql: string, ...values: unknown[]) => {
      calls.push({ sql, values });
      return affected;
    },
    $queryRawUnsafe: async () => {
      throw new Error('not used');
    },
  };
}

describe('insertUnlessPresent', () => {
  it('inserts the row with ON CONFLICT DO NOTHING: true when inserted, false when its key was there', async () => {
    const inserted = recordingDb(1);
    await expect(insertUnlessPresent(inserted, 'SentEmail', { eventId: 'e-1', orderId: 'o-1' })).resolves.toBe(true);
    expect(inserted.calls).toEqual([
      { sql: 'INSERT INTO "SentEmail" ("eventId", "orderId") VALUES ($1, $2) ON CONFLICT DO NOTHING', values: ['e-1', 'o-1'] },
    ]);
    await expect(insertUnlessPresent(recordingDb(0), 'SentEmail', { eventId: 'e-1' })).resolves.toBe(false);
  });

  it('leaves undefined columns to their defaults, writes objects and arrays as JSON, and Dates and nulls as they are', async () => {
    const db = recordingDb(1);
    const at = new Date('2026-12-04T17:00:00.000Z');
    await insertUnlessPresent(db, 'TimelineEntry', { eventId: 'e-1', sku: undefined, orderId: null, occurredAt: at, data: { lines: [1] }, tags: ['a'] });
    expect(db.calls[0]).toEqual({
      sql: 'INSERT INTO "TimelineEntry" ("eventId", "orderId", "occurredAt", "data", "tags") VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      values: ['e-1', null, at, '{"lines":[1]}', '["a"]'],
    });
  });

  it('quotes names, so a quote in one cannot end the identifier', async () => {
    const db = recordingDb(1);
    await insertUnlessPresent(db, 'Odd"Table', { 'a"b': 1 });
    expect(db.calls[0]!.sql).toBe('INSERT INTO "Odd""Table" ("a""b") VALUES ($1) ON CONFLICT DO NOTHING');
  });
});

describe('insertAllUnlessPresent', () => {
  it('inserts several rows in one statement and answers how many went in', async () => {
    const db = recordingDb(1);
    await expect(insertAllUnlessPresent(db, 'TimelineEntry', [{ eventId: 'e-1', data: { a: 1 } }, { eventId: 'e-2', data: null }])).resolves.toBe(1);
    expect(db.calls).toEqual([
      { sql: 'INSERT INTO "TimelineEntry" ("eventId", "data") VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING', values: ['e-1', '{"a":1}', 'e-2', null] },
    ]);
  });

  it('runs nothing for no rows, and refuses rows that give different columns', async () => {
    const db = recordingDb(0);
    await expect(insertAllUnlessPresent(db, 'TimelineEntry', [])).resolves.toBe(0);
    await expect(insertAllUnlessPresent(db, 'TimelineEntry', [{ eventId: 'e-1', sku: 'A' }, { eventId: 'e-2', sku: undefined }])).rejects.toThrow(
      'every row must give the same columns (eventId, sku), not eventId',
    );
    expect(db.calls).toEqual([]);
  });
});

describe('upsertAll', () => {
  it('writes the rows in one statement, updating every column but the key where a row with the key is there', async () => {
    const db = recordingDb(2);
    const rows = [
      { orderId: 'o-1', status: 'PENDING', totalCents: null },
      { orderId: 'o-2', status: 'CONFIRMED', totalCents: 1200 },
    ];
    await expect(upsertAll(db, 'OrderSummary', ['orderId'], rows)).resolves.toBe(2);
    expect(db.calls).toEqual([
      {
        sql:
          'INSERT INTO "OrderSummary" ("orderId", "status", "totalCents") VALUES ($1, $2, $3), ($4, $5, $6) ' +
          'ON CONFLICT ("orderId") DO UPDATE SET "status" = EXCLUDED."status", "totalCents" = EXCLUDED."totalCents"',
        values: ['o-1', 'PENDING', null, 'o-2', 'CONFIRMED', 1200],
      },
    ]);
  });

  it('refuses two rows with the same key, or rows without the key, before running anything', async () => {
    const db = recordingDb(0);
    await expect(upsertAll(db, 'OrderSummary', ['orderId'], [{ orderId: 'o-1' }, { orderId: 'o-1' }])).rejects.toThrow('two rows have the same orderId');
    await expect(upsertAll(db, 'OrderSummary', ['orderId'], [{ status: 'PENDING' }])).rejects.toThrow('the rows do not give the key column orderId');
    await expect(upsertAll(db, 'OrderSummary', ['orderId'], [])).resolves.toBe(0);
    expect(db.calls).toEqual([]);
  });
});
