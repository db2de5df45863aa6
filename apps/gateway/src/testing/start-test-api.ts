import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../api.module.js';
import { gatewayRequests } from '../requests/gateway-requests.js';
import type { FakeDeadLetterOperations } from './fake-dead-letter-operations.js';
import { type FakeRequestClient, fakeRequestClientModule } from './fake-request-client.js';

/** The gateway's HTTP API on a free port, calling `fake` instead of the services (and `deadLetters` instead of Kafka). */
export async function startTestApi(fake: FakeRequestClient, deadLetters?: FakeDeadLetterOperations): Promise<{ app: INestApplication; url: string }> {
  @Module({ imports: [ApiModule.register(gatewayRequests(''), fakeRequestClientModule(fake, deadLetters))] })
  class TestApiModule {}

  const app = await NestFactory.create(TestApiModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}
