import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { PrismaPg } from '@prisma/adapter-pg';
import { BreakerRegistry } from '../breaker/breaker.registry.js';
import { ConfigError, type DatabaseConfig } from '../config/service-config.js';
import { SERVICE_CONFIG } from '../config/service-config.token.js';
import { retentionConfigSchema } from '../config/retention-config.js';
import { RETENTION_CONFIG } from '../config/retention-config.token.js';
import { HealthService } from '../health/health.service.js';
import { MessagingModule } from '../messaging/messaging.module.js';
import type { OutboxRelay } from '../messaging/outbox/outbox-relay.js';
import { KAFKA } from '../runtime.module.js';
import { DATABASE_CONFIG, DatabaseModule, PRISMA_CLIENT, type PrismaClientLike } from './database.module.js';

/** A generated client's stand-in: it keeps what it was given and connects to nothing. */
class FakePrismaClient implements PrismaClientLike {
  constructor(readonly options: { adapter: PrismaPg }) {}
  async $connect() {}
  async $disconnect() {}
  async $executeRawUnsafe() {
    return 0;
  }
  async $queryRawUnsafe<T>(): Promise<T> {
    return [] as T;
  }
}

/** What RuntimeModule provides, as stand-ins: nothing here connects. */
@Global()
@Module({
  providers: [
    { provide: SERVICE_CONFIG, useValue: { SERVICE_NAME: 'database-module-spec' } },
    { provide: KAFKA, useValue: {} },
    { provide: RETENTION_CONFIG, useValue: retentionConfigSchema.parse({}) },
    { provide: HealthService, useValue: { register: () => undefined } },
    BreakerRegistry,
  ],
  exports: [SERVICE_CONFIG, RETENTION_CONFIG, KAFKA, HealthService, BreakerRegistry],
})
class StandInRuntimeModule {}

const compile = () =>
  Test.createTestingModule({ imports: [StandInRuntimeModule, DatabaseModule.forRoot(FakePrismaClient), MessagingModule.forRoot()] }).compile();

describe('DatabaseModule', () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it("gives the client and the outbox relay the service's DATABASE_URL, a string", async () => {
    const url = 'postgresql://shop_order:pw@127.0.0.1:1/shop_order';
    process.env.DATABASE_URL = url;
    const module = await compile();
    expect(module.get<DatabaseConfig>(DATABASE_CONFIG)).toEqual({ DATABASE_URL: url });
    expect(module.get(PRISMA_CLIENT)).toBeInstanceOf(FakePrismaClient);
    const relay = (module.get(MessagingModule) as unknown as { relay: OutboxRelay }).relay;
    expect((relay as unknown as { options: { databaseUrl: string } }).options.databaseUrl).toBe(url);
  });

  it('stops an app that imports it without DATABASE_URL at start-up, saying what needs it', async () => {
    delete process.env.DATABASE_URL;
    const attempt = compile();
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(/DATABASE_URL: .*DatabaseModule needs it.*"database": false/);
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL', async () => {
    process.env.DATABASE_URL = 'mysql://shop:pw@127.0.0.1:3306/shop';
    await expect(compile()).rejects.toThrow(/DATABASE_URL: /);
  });
});
