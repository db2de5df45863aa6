// Prisma 7 CLI configuration (loaded by the prisma CLI itself; no dotenv:
// the environment comes from infra/env.sh or the caller).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma',
  migrations: {
    path: 'prisma/migrations',
  },
  datasource: {
    // Not env('DATABASE_URL'): that helper throws when the variable is unset,
    // which would break `prisma generate`, which needs no database.
    url: process.env.DATABASE_URL,
  },
});
