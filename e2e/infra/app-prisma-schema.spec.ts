import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedPrismaProblems, writeAppSchema, writeMessagingPieces } from '../../tools/prisma/app-schema.mjs';
import { shopServices } from '../../tools/services/services.mjs';

// The Prisma pieces libs/runtime/prisma/ owns, in every app of apps/ (a new one
// is checked as soon as its folder exists): the messaging.prisma link, the
// messaging migration and the generator and datasource blocks.

describe("every app's shared Prisma pieces", () => {
  it.each(shopServices().map(({ name, dir }) => [name, dir]))('%s has them, identical to the runtime\'s', (name, dir) => {
    expect({ app: name, problems: sharedPrismaProblems(dir) }).toEqual({ app: name, problems: [] });
  });

  it('are what app-schema.mjs writes into a new app', () => {
    const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-new-app-'));
    try {
      expect(sharedPrismaProblems(appDir)).toHaveLength(4);
      writeAppSchema(appDir, { comment: "Audit's database: one row per event.", models: 'model Audit {\n  id String @id\n}' });
      writeMessagingPieces(appDir, '20270101000000');
      expect(sharedPrismaProblems(appDir)).toEqual([]);
      const schema = fs.readFileSync(path.join(appDir, 'prisma/schema.prisma'), 'utf8');
      expect(schema).toMatch(/^\/\/ Audit's database: one row per event\.\n\ngenerator client \{/);
      expect(schema).toMatch(/\n\}\n\nmodel Audit \{\n {2}id String @id\n\}\n$/);

      fs.appendFileSync(path.join(appDir, 'prisma/migrations/20270101000000_messaging/migration.sql'), '-- edited\n');
      expect(sharedPrismaProblems(appDir)).toEqual([expect.stringMatching(/20270101000000_messaging\/migration\.sql differs/)]);
    } finally {
      fs.rmSync(appDir, { recursive: true, force: true });
    }
  });
});
