import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../api.module.js';
import { DEFAULT_JAEGER_UI_URL } from '../pages/gateway-pages.js';
import type { CatalogCache } from '../products/catalog-cache.js';
import { CatalogCacheModule } from '../products/catalog-cache.module.js';
import { gatewayRequests } from '../requests/gateway-requests.js';
import { type FakeRequestClient, fakeRequestClientModule } from './fake-request-client.js';

/**
 * The gateway's HTTP API on a free port, calling `fake` instead of the
 * services; the catalog cache is `catalog` when given (the test turns it on
 * and invalidates it), else one that stays off.
 */
export async function startTestApi(fake: FakeRequestClient, options: { catalog?: CatalogCache } = {}): Promise<{ app: INestApplication; url: string }> {
  const catalog = options.catalog ? CatalogCacheModule.withCache(options.catalog) : undefined;
  @Module({ imports: [ApiModule.register(gatewayRequests(''), fakeRequestClientModule(fake), { jaegerUiUrl: DEFAULT_JAEGER_UI_URL }, catalog)] })
  class TestApiModule {}

  const app = await NestFactory.create(TestApiModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}
