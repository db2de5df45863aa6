import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { API_KEY_HEADER } from '../auth/caller.js';
import { DEMO_OPERATOR_KEY } from '../auth/demo-credentials.js';
import { FakeRequestClient } from '../testing/fake-request-client.js';
import { startTestApi } from '../testing/start-test-api.js';

const recordedBody = readFileSync(new URL('./fixtures/jaeger-order-trace.json', import.meta.url), 'utf8');
const recordedTraceId = (JSON.parse(recordedBody) as { data: { traceID: string }[] }).data[0]!.traceID;
const unknownTraceId = 'f'.repeat(32);
// Long enough for a loaded machine to read a 200 KB trace from the stand-in; the hanging Jaeger costs that once.
const TIMEOUT_MS = 1_500;

/** Jaeger's query API as a stand-in: what it answers is each test's `answer`; it records what it was sent. */
function standInJaeger() {
  const received: { url: string; headers: IncomingHttpHeaders }[] = [];
  let answer: (url: string) => { status: number; body: string } | 'hang' = (url) =>
    url === `/api/traces/${recordedTraceId}` ? { status: 200, body: recordedBody } : { status: 404, body: '{"data":null,"errors":[{"code":404,"msg":"trace not found"}]}' };
  const server: Server = createServer((request, response) => {
    received.push({ url: request.url!, headers: request.headers });
    const outcome = answer(request.url!);
    if (outcome === 'hang') return;
    response.writeHead(outcome.status, { 'content-type': 'application/json' }).end(outcome.body);
  });
  return {
    received,
    answerWith: (next: typeof answer) => (answer = next),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('GET /traces/{traceId}/spans and the trace view page', () => {
  const jaeger = standInJaeger();
  let app: INestApplication;
  let url: string;
  let customer: Record<string, string>;

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url + path, { headers });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    const jaegerUrl = await jaeger.listen();
    ({ app, url, customer } = await startTestApi(new FakeRequestClient(), { env: { JAEGER_QUERY_URL: `${jaegerUrl}/`, GATEWAY_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } }));
  });
  afterAll(async () => {
    await app.close();
    await jaeger.close();
  });

  it('answers a customer with the trace from Jaeger, shaped for the view, and sends Jaeger none of the caller’s credentials', async () => {
    const answer = await get(`/traces/${recordedTraceId}/spans`, { ...customer, cookie: 'session=secret' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ traceId: recordedTraceId, services: expect.arrayContaining([expect.objectContaining({ name: 'slack-notifier' })]) });
    expect(answer.body.spans).toHaveLength(294);
    const sent = jaeger.received.at(-1)!;
    expect(sent.url).toBe(`/api/traces/${recordedTraceId}`);
    expect(sent.headers).not.toHaveProperty('authorization');
    expect(sent.headers).not.toHaveProperty('cookie');
    expect(sent.headers).not.toHaveProperty(API_KEY_HEADER.toLowerCase());
  });

  it('answers an operator too, and nobody without credentials', async () => {
    expect((await get(`/traces/${recordedTraceId}/spans`, { [API_KEY_HEADER]: DEMO_OPERATOR_KEY })).status).toBe(200);
    const anonymous = await get(`/traces/${recordedTraceId}/spans`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
  });

  it('refuses what is not a trace id with a 400 naming it, without asking Jaeger', async () => {
    const asked = jaeger.received.length;
    for (const id of ['XYZ', recordedTraceId.toUpperCase(), `${recordedTraceId}0`, '..%2F..%2Fapi%2Fservices']) {
      const answer = await get(`/traces/${id}/spans`, customer);
      expect({ id, status: answer.status }).toEqual({ id, status: 400 });
      expect(answer.body.errors).toEqual([{ field: 'traceId', message: expect.stringContaining('32 lower-case hex') }]);
      expect((await get(`/traces/${id}`)).status).toBe(400);
    }
    expect(jaeger.received.length).toBe(asked);
  });

  it('is a 404 problem saying to try again when Jaeger has no such trace (yet)', async () => {
    const answer = await get(`/traces/${unknownTraceId}/spans`, customer);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ type: '/problems/not-found', detail: expect.stringMatching(/no trace .* \(yet/) });
  });

  it('is a 502 when Jaeger answers something unreadable', async () => {
    jaeger.answerWith(() => ({ status: 200, body: '<html>proxy</html>' }));
    expect((await get(`/traces/${recordedTraceId}/spans`, customer)).status).toBe(502);
  });

  it('is a 503 with Retry-After when Jaeger does not answer in time, then, its breaker open, at once without asking it', async () => {
    jaeger.answerWith(() => 'hang');
    const started = Date.now();
    const slow = await get(`/traces/${recordedTraceId}/spans`, customer);
    expect(slow.status).toBe(503);
    expect(slow.headers.get('retry-after')).toBe('1');
    expect(slow.body.detail).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2_000);
    jaeger.answerWith(() => ({ status: 500, body: 'down' }));
    // More than half of at least 5 calls failing opens the breaker (the earlier tests' answers count as successes).
    let failing = slow;
    for (let i = 0; i < 10 && failing.headers.get('retry-after') !== '10'; i++) {
      failing = await get(`/traces/${recordedTraceId}/spans`, customer);
      expect(failing.status).toBe(503);
    }
    const asked = jaeger.received.length;
    const open = await get(`/traces/${recordedTraceId}/spans`, customer);
    expect(open.status).toBe(503);
    expect(open.headers.get('retry-after')).toBe('10');
    expect(open.body.detail).toMatch(/failed repeatedly/);
    expect(jaeger.received.length).toBe(asked);
  });

  it('serves the page to anyone, the same for every trace, its script from /assets', async () => {
    const page = await get(`/traces/${unknownTraceId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<script src="/assets/trace-view.js" defer></script>');
    expect(page.text).toContain('<meta name="demo-sign-in" content="on">');
    expect(page.text).toContain('<meta name="jaeger-ui-url" content="">');
    expect((await get('/assets/trace-view.js')).status).toBe(200);
  });
});
