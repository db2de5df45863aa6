import { type DynamicModule, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigError, type DatabaseConfig, databaseConfigSchema, loadConfig } from '../config/service-config.js';
import { HealthService } from '../health/health.service.js';
import type { SqlExecutor } from '../messaging/sql-executor.js';
import { type PrismaClientOptions, prismaClientOptions } from './prisma-adapter.js';

/** The part of a generated Prisma client the runtime relies on. */
export interface PrismaClientLike extends SqlExecutor {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T>;
}

export type PrismaClientClass<Client extends PrismaClientLike> = new (options: PrismaClientOptions) => Client;

/** The service's Prisma client, for runtime code that does not know its generated class. */
export const PRISMA_CLIENT = Symbol('PRISMA_CLIENT');

/** The service's database settings (DatabaseConfig: DATABASE_URL), for runtime code that uses the database. */
export const DATABASE_CONFIG = Symbol('DATABASE_CONFIG');

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
 * talking to DATABASE_URL through the driver adapter (no native engine), and
 * the database settings (DATABASE_CONFIG).
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
          provide: clientClass,
          inject: [DATABASE_CONFIG],
          useFactory: (config: DatabaseConfig) =>
            new clientClass(prismaClientOptions(config.DATABASE_URL)),
        },
        { provide: PRISMA_CLIENT, useExisting: clientClass },
      ],
      exports: [DATABASE_CONFIG, clientClass, PRISMA_CLIENT],
    };
  }

  constructor(
    @Inject(PRISMA_CLIENT) private readonly prisma: PrismaClientLike,
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
  }
}
