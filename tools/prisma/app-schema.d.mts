/** The generator and datasource blocks every app's schema.prisma starts with, after its own comment. */
export function schemaHeader(): string;

/** The runtime's migrations, in the order they apply: every app has one `<timestamp>_<name>` folder of each. */
export const SHARED_MIGRATIONS: readonly { name: string; file: string }[];

/** The SQL of every app's `<timestamp>_<name>` copy of a shared migration. */
export function sharedMigrationSql(name: string): string;

/** Writes `prisma/schema.prisma`: a comment saying what the database holds, the header, then the app's models. */
export function writeAppSchema(appDir: string, schema: { comment: string; models?: string }): void;

/**
 * Gives an app the runtime's tables: links `prisma/messaging.prisma` to the runtime's and writes
 * `prisma/migrations/<timestamp>_<name>/migration.sql` of every shared migration and the lock file. `timestamp`: YYYYMMDDHHMMSS, UTC, by default now.
 */
export function writeMessagingPieces(appDir: string, timestamp?: string): void;

/** What differs from the shared pieces in an app's prisma/ folder, one line each; none when it has them all. */
export function sharedPrismaProblems(appDir: string): string[];
