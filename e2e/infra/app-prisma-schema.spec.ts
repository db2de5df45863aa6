import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sharedPrismaProblems, writeAppSchema, writeMessagingPieces } from '../../tools/prisma/app-schema.mjs';
import { shopServices } from '../../tools/services/services.mjs';

// The Prisma pieces libs/runtime/prisma/ owns, in every app of apps/ with a
// database (a new one is checked as soon as its folder exists): the
// messaging.prisma link, the links to the runtime's migrations and the generator
// and datasource blocks. An app without a database ("database": false) has no Prisma at all.

const withDatabase = shopServices().filter((service) => service.database);
const withoutDatabase = shopServices().filter((service) => !service.database);

describe("every app's shared Prisma pieces", () => {
  it.each(withDatabase.map(({ name, dir }) => [name, dir]))('%s has them, identical to the runtime\'s', (name, dir) => {
    expect({ app: name, problems: sharedPrismaProblems(dir) }).toEqual({ app: name, problems: [] });
  });

  it.each(withoutDatabase.map(({ name, dir }) => [name, dir]))('%s, without a database, has no Prisma: no schema, client, scripts or dependency, nothing to migrate', async (name, dir) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const prismaPackages = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((dependency) =>
      /^(prisma|@prisma\/.*|pg|@types\/pg)$/.test(dependency),
    );
    expect({
      app: name,
      prismaFolder: fs.existsSync(path.join(dir, 'prisma')),
      generatedClient: fs.existsSync(path.join(dir, 'src/generated')),
      scripts: Object.keys(manifest.scripts ?? {}).filter((script) => /prisma|migrate/.test(script)),
      prismaPackages,
    }).toEqual({ app: name, prismaFolder: false, generatedClient: false, scripts: [], prismaPackages: [] });
    // What an app's image runs before every app (infra/image/entrypoint.sh): here, it has nothing to do.
    const { stdout } = await promisify(execFile)('node', [path.join(dir, '../../tools/prisma/migrate.mjs')], { cwd: dir, env: { PATH: process.env.PATH } });
    expect(stdout).toMatch(/nothing to migrate: .* has no database/);
  });

  it('are what app-schema.mjs writes into a new app', () => {
    const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-new-app-'));
    try {
      expect(sharedPrismaProblems(appDir)).toHaveLength(5);
      writeAppSchema(appDir, { comment: "Audit's database: one row per event.", models: 'model Audit {\n  id String @id\n}' });
      writeMessagingPieces(appDir, '20270101000000');
      expect(sharedPrismaProblems(appDir)).toEqual([]);
      const schema = fs.readFileSync(path.join(appDir, 'prisma/schema.prisma'), 'utf8');
      expect(schema).toMatch(/^\/\/ Audit's database: one row per event\.\n\ngenerator client \{/);
      expect(schema).toMatch(/\n\}\n\nmodel Audit \{\n {2}id String @id\n\}\n$/);

      // A copy in place of the link is a problem too: it could later be edited apart from the runtime's file.
      const sql = path.join(appDir, 'prisma/migrations/20270101000000_messaging/migration.sql');
      const copy = fs.readFileSync(sql);
      fs.rmSync(sql);
      fs.writeFileSync(sql, copy);
      expect(sharedPrismaProblems(appDir)).toEqual(['prisma/migrations/20270101000000_messaging/migration.sql is not a link']);
      fs.rmSync(path.join(appDir, 'prisma/migrations/20270101000000_messaging_retention'), { recursive: true });
      expect(sharedPrismaProblems(appDir)).toContain('prisma/migrations has 0 <timestamp>_messaging_retention folders, not 1');
    } finally {
      fs.rmSync(appDir, { recursive: true, force: true });
    }
  });
});
