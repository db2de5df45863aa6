import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../api.module.js';
import { gatewayConfig } from '../config/gateway-config.js';
import type { CatalogCache } from '../products/catalog-cache.js';
import { EventFeedModule } from '../events/event-feed.module.js';
import type { OrderStreamHub } from '../order-streams/order-stream-hub.js';
import { GATEWAY_APP_OPTIONS } from '../http/gateway-app-options.js';
import { gatewayRequests } from '../requests/gateway-requests.js';
import type { FakeDeadLetterOperations } from './fake-dead-letter-operations.js';
import { type FakeRequestClient, fakeRequestClientModule } from './fake-request-client.js';

/**
 * The gateway's HTTP API on a free port, calling `fake` instead of the services
 * and `deadLetters` instead of Kafka; `env` as the gateway's settings
 * (development's defaults); the catalog cache is `catalog` when given (the
 * test turns it on and invalidates it), else one that stays off; the order
 * streams' hub `streams` when given (the test serves and feeds it), else one that refuses streams. `customer`:
 * the headers of a signed-in customer.
 */
export async function startTestApi(
  fake: FakeRequestClient,
  {
    env = {},
    deadLetters,
    catalog,
    streams,
  }: { env?: Record<string, string>; deadLetters?: FakeDeadLetterOperations; catalog?: CatalogCache; streams?: OrderStreamHub } = {},
): Promise<{ app: INestApplication; url: string; customer: Record<string, string> }> {
  const settings = gatewayConfig.load(env);
  @Module({
    imports: [
      ApiModule.register({
        requests: gatewayRequests(''),
        client: fakeRequestClientModule(fake, deadLetters),
        settings,
        events: EventFeedModule.withParts(settings, { cache: catalog, hub: streams }),
      }),
    ],
  })
  class TestApiModule {}

  const app = await NestFactory.create(TestApiModule, { ...GATEWAY_APP_OPTIONS, logger: false });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return { app, url, customer: await demoCustomer(url) };
}

/** The headers of customer ada, signed in with the demo sign-in (none where it does not exist, outside development). */
async function demoCustomer(url: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"customerId":"ada"}' });
  if (response.status !== 200) return {};
  return { authorization: `Bearer ${((await response.json()) as { access_token: string }).access_token}` };
}
