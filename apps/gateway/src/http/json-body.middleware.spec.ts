import { request as httpRequest } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { okReply, Requests } from '@shop/event-contracts';
import { adasOrder } from '../testing/adas-order.js';
import { FakeRequestClient } from '../testing/fake-request-client.js';
import { startTestApi } from '../testing/start-test-api.js';
import { DEFAULT_BODY_LIMIT_BYTES } from './json-body.middleware.js';

const orderId = '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10';
const LIMIT = 2048;

describe('request bodies (JsonBodyMiddleware)', () => {
  const client = new FakeRequestClient();
  let app: INestApplication;
  let url: string;
  let customer: Record<string, string>;

  beforeAll(async () => {
    ({ app, url, customer } = await startTestApi(client, { env: { GATEWAY_BODY_LIMIT_BYTES: String(LIMIT) } }));
  });
  afterAll(() => app.close());
  beforeEach(() => {
    client.reset();
    // The order is the signed-in customer's (ada), so a cancel goes through.
    client.answer(Requests.getOrder.pattern, async () => okReply(adasOrder(orderId)));
  });

  /** Status, problem type and trace header of one POST. */
  async function post(path: string, body: RequestInit['body'], headers: Record<string, string> = { 'content-type': 'application/json' }) {
    const response = await fetch(url + path, { method: 'POST', body, headers: { ...customer, ...headers } });
    const problem = (await response.json()) as { type?: string; detail?: string; errors?: { field: string; message: string }[] };
    expect(response.headers.get('content-type')).toMatch(/^application\/(problem\+)?json/);
    expect(response.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    return { status: response.status, type: problem.type, detail: problem.detail, errors: problem.errors };
  }

  it('answers 413 for a body over the limit, naming it, before reading it all', async () => {
    expect(await post('/orders', JSON.stringify({ customerId: 'x'.repeat(LIMIT) }))).toEqual({
      status: 413,
      type: '/problems/payload-too-large',
      detail: `The body is larger than ${LIMIT} bytes.`,
    });
  });

  it('answers 415 for another media type, charset or a compressed body, and 400 for bytes that are not UTF-8 or text that is not JSON', async () => {
    const cancel = `/orders/${orderId}/cancel`;
    expect(await post(cancel, 'reason=x', { 'content-type': 'text/plain' })).toMatchObject({ status: 415, type: '/problems/unsupported-media-type' });
    expect(await post(cancel, '{}', { 'content-type': 'application/json; charset=utf-16' })).toMatchObject({ status: 415 });
    expect(await post(cancel, '{}', { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toMatchObject({ status: 415 });
    expect(await post(cancel, Buffer.from('{"reason":"\xff"}', 'latin1'))).toMatchObject({
      status: 400,
      errors: [{ field: 'body', message: 'The body is not valid UTF-8.' }],
    });
    expect(await post(cancel, '{"reason": ')).toMatchObject({ status: 400, errors: [{ field: 'body' }] });
    expect(await post(cancel, '"a string"')).toMatchObject({ status: 400, errors: [{ field: 'body' }] });
    expect(client.calls).toEqual([]);
  });

  it('reads a JSON body as sent, any character outside the BMP included', async () => {
    client.answer(Requests.cancelOrder.pattern, async () => okReply({ orderId, status: 'CANCELLED' }));
    expect(await post(`/orders/${orderId}/cancel`, JSON.stringify({ reason: 'trop cher 😀 \u2028' }))).toMatchObject({ status: 202 });
    expect(client.calls.filter((call) => call.pattern === Requests.cancelOrder.pattern)).toEqual([
      { pattern: Requests.cancelOrder.pattern, request: { orderId, reason: 'trop cher 😀 \u2028' } },
    ]);
  });

  it('leaves the body of an unknown path (a 404) and of a GET unread', async () => {
    expect(await post('/nope', 'x'.repeat(LIMIT * 2), { 'content-type': 'text/plain' })).toMatchObject({ status: 404 });
    client.answer(Requests.listProducts.pattern, async () => okReply({ products: [] }));
    // fetch sends no body with a GET; node:http does (framed by its length: a GET is not chunked by default).
    const body = 'x'.repeat(LIMIT * 2);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const headers = { ...customer, 'content-type': 'text/plain', 'content-length': String(body.length) };
      const request = httpRequest(`${url}/products`, { method: 'GET', headers }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on('error', reject);
      request.end(body);
    });
    expect(status).toBe(200);
  });

  it('takes by default the largest valid order, every field at its longest and every character \\u-escaped', () => {
    const escaped = (characters: number) => '\\ud83d\\ude00'.repeat(characters);
    const item = `{"sku":"${escaped(64)}","quantity":2147483647}`;
    const address = `{"name":"${escaped(200)}","line1":"${escaped(200)}","line2":"${escaped(200)}","city":"${escaped(100)}","postalCode":"${escaped(20)}","country":"DE"}`;
    const largest = `{"customerId":"${escaped(128)}","email":"${'a'.repeat(240)}@example.com","items":[${Array(100).fill(item).join(',')}],"shippingAddress":${address}}`;
    expect(() => JSON.parse(largest)).not.toThrow();
    expect(Buffer.byteLength(largest)).toBeLessThan(DEFAULT_BODY_LIMIT_BYTES / 2);
  });
});
