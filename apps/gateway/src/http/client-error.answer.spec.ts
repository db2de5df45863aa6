import { connect } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { FakeRequestClient } from '../testing/fake-request-client.js';
import { startTestApi } from '../testing/start-test-api.js';

describe('requests Node cannot parse (answerClientError)', () => {
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    let url: string;
    ({ app, url } = await startTestApi(new FakeRequestClient()));
    port = Number(new URL(url).port);
  });
  afterAll(() => app.close());

  /** Everything the server wrote back to raw request bytes, until it closed the connection. */
  function raw(request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(request));
      let answer = '';
      socket.on('data', (chunk) => (answer += String(chunk)));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it.each([
    ['headers over 16 KB', `GET /products HTTP/1.1\r\nHost: x\r\nIdempotency-Key: ${'k'.repeat(20_000)}\r\n\r\n`, 431],
    ['an unknown method token', 'FOO /orders HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['a request line that is no HTTP', 'hello\r\n\r\n', 400],
  ])('answers %s with a problem+json and X-Trace-Id', async (_, request, status) => {
    const answer = await raw(request);
    expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(answer).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/);
    const traceId = /\r\nX-Trace-Id: ([0-9a-f]{32})\r\n/.exec(answer)?.[1];
    expect(traceId).toBeDefined();
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toMatchObject({ status, traceId });
  });
});
