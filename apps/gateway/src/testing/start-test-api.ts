import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiModule, type ApiSettings } from '../api.module.js';
import { GATEWAY_APP_OPTIONS } from '../http/gateway-app-options.js';
import { gatewayRequests } from '../requests/gateway-requests.js';
import { type FakeRequestClient, fakeRequestClientModule } from './fake-request-client.js';

/** The gateway's HTTP API on a free port, calling `fake` instead of the services. */
export async function startTestApi(fake: FakeRequestClient, settings: Partial<ApiSettings> = {}): Promise<{ app: INestApplication; url: string }> {
  @Module({ imports: [ApiModule.register(gatewayRequests(''), fakeRequestClientModule(fake), settings)] })
  class TestApiModule {}

  const app = await NestFactory.create(TestApiModule, { ...GATEWAY_APP_OPTIONS, logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}
