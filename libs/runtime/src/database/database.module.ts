import { type DynamicModule, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { SERVICE_CONFIG } from '../config/service-config.token.js';
import type { ServiceConfig } from '../config/service-config.js';
import { HealthService } from '../health/health.service.js';
import type { SqlExecutor } from '../messaging/sql-executor.js';

/** The part of a generated Prisma client the runtime relies on. */
export interface PrismaClientLike extends SqlExecutor {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T>;
}

export type PrismaClientClass<Client extends PrismaClientLike> = new (options: { adapter: PrismaPg }) => Client;

/**
 * The pool behind Prisma: a connection that cannot be opened in 5 s fails (so
 * a database that went away is noticed, never waited on for ever), and TCP
 * keepalive finds a peer that vanished without closing. A broken connection
 * leaves the pool; the next query opens a fresh one, so the pool recovers by
 * itself when the database is back.
 */
export function databasePoolConfig(connectionString: string) {
  return { connectionString, connectionTimeoutMillis: 5_000, keepAlive: true };
}

/** The service's Prisma client, for runtime code that does not know its generated class. */
export const PRISMA_CLIENT = Symbol('PRISMA_CLIENT');

/**
 * Provides the service's own generated Prisma client, injectable by its class,
 * talking to DATABASE_URL through the driver adapter (no native engine).
 */
@Module({})
export class DatabaseModule implements OnModuleInit, OnApplicationShutdown {
  static forRoot<Client extends PrismaClientLike>(clientClass: PrismaClientClass<Client>): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: clientClass,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) =>
            new clientClass({ adapter: new PrismaPg(databasePoolConfig(config.DATABASE_URL)) }),
        },
        { provide: PRISMA_CLIENT, useExisting: clientClass },
      ],
      exports: [clientClass, PRISMA_CLIENT],
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
