import type { INestApplication } from '@nestjs/common';
import { FakeRequestClient } from '../testing/fake-request-client.js';
import { startTestApi } from '../testing/start-test-api.js';

describe('unknown methods (MethodNotAllowedMiddleware)', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startTestApi(new FakeRequestClient()));
  });
  afterAll(() => app.close());

  it('answers 405 with Allow for a known path, whatever the case, trailing slash or encoding of its id', async () => {
    const cases = [
      ['DELETE', '/orders', 'POST'],
      ['GET', '/orders', 'POST'],
      ['PUT', '/ORDERS/42/', 'GET, HEAD'],
      ['PATCH', '/orders/%ZZ/cancel', 'POST'],
      ['OPTIONS', '/', 'GET, HEAD'],
      ['POST', '/openapi.json', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await fetch(url + path, { method });
      const body = (await response.json()) as Record<string, unknown>;
      expect([method, path, response.status, response.headers.get('allow')]).toEqual([method, path, 405, allow]);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(body).toMatchObject({ type: '/problems/method-not-allowed', status: 405, traceId: response.headers.get('x-trace-id') });
    }
  });

  it('answers HEAD where GET is taken, and 404 for an unknown path whatever the method', async () => {
    expect((await fetch(`${url}/openapi.json`, { method: 'HEAD' })).status).toBe(200);
    for (const method of ['GET', 'DELETE', 'POST']) {
      const response = await fetch(`${url}/orders/42/nope`, { method });
      expect([method, response.status, response.headers.get('allow')]).toEqual([method, 404, null]);
      expect(response.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    }
  });
});
