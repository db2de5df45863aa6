import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../api.module.js';
import { gatewayConfig } from '../config/gateway-config.js';
import { gatewayRequests } from '../requests/gateway-requests.js';
import type { FakeDeadLetterOperations } from './fake-dead-letter-operations.js';
import { type FakeRequestClient, fakeRequestClientModule } from './fake-request-client.js';

/**
 * The gateway's HTTP API on a free port, calling `fake` instead of the services
 * and `deadLetters` instead of Kafka; `env` as the gateway's settings (development's defaults).
 */
export async function startTestApi(
  fake: FakeRequestClient,
  { env = {}, deadLetters }: { env?: Record<string, string>; deadLetters?: FakeDeadLetterOperations } = {},
): Promise<{ app: INestApplication; url: string }> {
  @Module({
    imports: [ApiModule.register({ requests: gatewayRequests(''), client: fakeRequestClientModule(fake, deadLetters), settings: gatewayConfig.load(env) })],
  })
  class TestApiModule {}

  const app = await NestFactory.create(TestApiModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}
