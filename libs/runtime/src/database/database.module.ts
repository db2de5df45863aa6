import { type DynamicModule, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigError, type DatabaseConfig, databaseConfigSchema, loadConfig } from '../config/service-config.js';
import { HealthService } from '../health/health.service.js';
import type { SqlExecutor } from '../messaging/sql-executor.js';
import { type DatabasePool, openDatabasePool } from './database-pool.js';
import { type PrismaClientOptions, prismaClientOptionsOn } from './prisma-adapter.js';
import { SqlTransactions } from './sql-transactions.js';

/** The part of a generated Prisma client the runtime relies on. */
export interface PrismaClientLike extends SqlExecutor {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
}

export type PrismaClientClass<Client extends PrismaClientLike> = new (options: PrismaClientOptions) => Client;

/** The service's Prisma client, for runtime code that does not know its generated class. */
export const PRISMA_CLIENT = Symbol('PRISMA_CLIENT');

/** The service's database settings (DatabaseConfig: DATABASE_URL), for runtime code that uses the database. */
export const DATABASE_CONFIG = Symbol('DATABASE_CONFIG');

/** The service's connections (DatabasePool), which its Prisma client and SqlTransactions share. */
const DATABASE_POOL = Symbol('DATABASE_POOL');

/**
 * DATABASE_URL from the environment. runService has checked it already in an
 * app with a database; an app whose package.json says it has none, yet imports
 * DatabaseModule, stops here, at start-up, being told why.
 */
export function loadDatabaseConfig(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  try {
    return loadConfig(databaseConfigSchema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      error.problems.map(
        (problem) =>
          `${problem} (DatabaseModule needs it, and MessagingModule's outbox relay; an app without a database, ` +
          '"database": false in the "shop" block of its package.json, imports neither)',
      ),
    );
  }
}

/**
 * Provides the service's own generated Prisma client, injectable by its class,
 * talking to DATABASE_URL through the driver adapter (no native engine);
 * SqlTransactions, for writes that must commit together (the consumer's
 * handlers, a service's own); and the database settings (DATABASE_CONFIG).
 * Both send over one pool of connections, which closes when the app does.
 */
@Module({})
export class DatabaseModule implements OnModuleInit, OnApplicationShutdown {
  static forRoot<Client extends PrismaClientLike>(clientClass: PrismaClientClass<Client>): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        { provide: DATABASE_CONFIG, useFactory: () => loadDatabaseConfig() },
        {
          provide: DATABASE_POOL,
          inject: [DATABASE_CONFIG],
          useFactory: (config: DatabaseConfig) => openDatabasePool(config.DATABASE_URL),
        },
        {
          provide: clientClass,
          inject: [DATABASE_POOL],
          useFactory: (database: DatabasePool) => new clientClass(prismaClientOptionsOn(database)),
        },
        { provide: PRISMA_CLIENT, useExisting: clientClass },
        { provide: SqlTransactions, inject: [DATABASE_POOL], useFactory: (database: DatabasePool) => new SqlTransactions(database) },
      ],
      exports: [DATABASE_CONFIG, clientClass, PRISMA_CLIENT, SqlTransactions],
    };
  }

  constructor(
    @Inject(PRISMA_CLIENT) private readonly prisma: PrismaClientLike,
    @Inject(DATABASE_POOL) private readonly database: DatabasePool,
    private readonly health: HealthService,
  ) {}

  onModuleInit() {
    this.health.register({
      name: 'database',
      check: async () => {
        await this.prisma.$queryRawUnsafe('SELECT 1');
      },
    });
  }

  async onApplicationShutdown() {
    await this.prisma.$disconnect();
    await this.database.pool.end();
  }
}
