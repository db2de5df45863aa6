import type { INestApplication } from '@nestjs/common';
import { FakeRequestClient } from '../testing/fake-request-client.js';
import { startTestApi } from '../testing/start-test-api.js';

describe('path parameters that are not percent-encoded UTF-8 (PathParametersMiddleware)', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startTestApi(new FakeRequestClient()));
  });
  afterAll(() => app.close());

  it('answers 400 naming the parameter, for every route that has one', async () => {
    for (const [method, path] of [['GET', '/orders/%ZZ'], ['POST', '/orders/%ED%A0%80/cancel'], ['GET', '/customers/%C3/orders']]) {
      const response = await fetch(url + path, { method });
      expect([path, response.status]).toEqual([path, 400]);
      expect(response.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
      expect(await response.json()).toMatchObject({ type: '/problems/invalid-request', errors: [{ field: 'id', message: 'not valid percent-encoded UTF-8' }] });
    }
  });
});
