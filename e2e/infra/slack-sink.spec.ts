import { infra, uniqueSuffix } from '../support/environment.js';
import { SlackSinkClient, SlackSinkProcess } from '../support/slack-sink.js';
import { waitFor } from '../support/wait-for.js';

// Private sinks use ports 3302-3303: faults set here touch no one else.
const PRIVATE_PORT = 3302;
const SHUTDOWN_PORT = 3303;

const section = (text: string, type = 'mrkdwn') => ({ type: 'section', text: { type, text } });
const header = (text: string, type = 'plain_text') => ({ type: 'header', text: { type, text } });
const field = (text: string) => ({ type: 'mrkdwn', text });

describe('the Slack sink (Slack incoming-webhook contract)', () => {
  const sink = new SlackSinkProcess(PRIVATE_PORT);
  const client = sink.client;
  const webhook = client.webhookUrl('T0SHOP/B0E2E/secret');

  async function post(body: unknown, { url = webhook, contentType = 'application/json' } = {}) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  beforeAll(() => sink.start());
  afterAll(async () => {
    expect(await sink.stop()).toBe(0);
  });
  beforeEach(async () => {
    await client.clearFault();
    await client.clear();
  });

  describe('accepts', () => {
    it('a text message: 200 ok, and keeps it for reading back', async () => {
      const answer = await post({ text: 'Order *42* shipped', username: 'shop' });
      expect(answer).toMatchObject({ status: 200, text: 'ok' });
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);

      const [message, ...others] = await client.messages();
      expect(others).toEqual([]);
      expect(message).toMatchObject({ path: '/services/T0SHOP/B0E2E/secret', payload: { text: 'Order *42* shipped', username: 'shop' } });
      expect(message!.id).toEqual(expect.any(String));
      expect(new Date(message!.receivedAt).toISOString()).toBe(message!.receivedAt);
    });

    it('a Block Kit message without text, at Slack\'s limits', async () => {
      const blocks = [
        header('h'.repeat(150)),
        section('s'.repeat(3000)),
        { type: 'section', fields: Array.from({ length: 10 }, (_, i) => field(`${i}`.padEnd(2000, 'f'))) },
        { type: 'section', text: { type: 'plain_text', text: 'plain' }, fields: [field('a')] },
        { type: 'divider' },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'trace abc' }] },
        ...Array.from({ length: 44 }, () => ({ type: 'divider' })),
      ];
      expect(blocks).toHaveLength(50);
      expect(await post({ blocks })).toMatchObject({ status: 200, text: 'ok' });
      expect((await client.messages()).map((m) => m.payload.blocks)).toEqual([blocks]);
    });

    it('a form-encoded post with a payload field, as Slack does', async () => {
      const body = new URLSearchParams({ payload: JSON.stringify({ text: 'from a form' }) }).toString();
      expect(await post(body, { contentType: 'application/x-www-form-urlencoded' })).toMatchObject({ status: 200, text: 'ok' });
      expect((await client.messages()).map((m) => m.payload.text)).toEqual(['from a form']);
    });

    it('messages in arrival order, and forgets them on DELETE', async () => {
      for (const text of ['one', 'two', 'three']) await post({ text });
      expect((await client.messages()).map((m) => m.payload.text)).toEqual(['one', 'two', 'three']);
      await client.clear();
      expect(await client.messages()).toEqual([]);
    });
  });

  describe('refuses', () => {
    it.each([
      ['not JSON', 'not json at all'],
      ['a JSON array', '[{"text":"hi"}]'],
      ['JSON null', 'null'],
    ])('%s: 400 invalid_payload', async (_name, body) => {
      expect(await post(body)).toMatchObject({ status: 400, text: 'invalid_payload' });
    });

    it('a form post whose payload field is not JSON: 400 invalid_payload', async () => {
      expect(await post('payload=%7Bnope', { contentType: 'application/x-www-form-urlencoded' })).toMatchObject({ status: 400, text: 'invalid_payload' });
    });

    it.each([
      ['an empty object', {}],
      ['empty text', { text: '' }],
      ['blank text', { text: '   ' }],
      ['text that is not a string', { text: 42 }],
      ['no blocks', { blocks: [] }],
      ['only other fields', { username: 'shop', icon_emoji: ':package:' }],
    ])('%s: 400 no_text', async (_name, payload) => {
      expect(await post(payload)).toMatchObject({ status: 400, text: 'no_text' });
    });

    it.each([
      ['blocks that are not an array', { blocks: 'section' }],
      ['a block that is not an object', { blocks: [1] }],
      ['an unknown block type', { blocks: [{ type: 'marquee' }] }],
      ['a block without a type', { blocks: [{ text: section('x').text }] }],
      ['51 blocks', { blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }],
      ['a section with neither text nor fields', { blocks: [{ type: 'section' }] }],
      ['a section text of an unknown type', { blocks: [section('x', 'html')] }],
      ['a section text that is not a string', { text: 'fallback', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 7 } }] }],
      ['a section text of 3001 characters', { blocks: [section('s'.repeat(3001))] }],
      ['a header in mrkdwn', { blocks: [header('*bold*', 'mrkdwn')] }],
      ['a header of 151 characters', { blocks: [header('h'.repeat(151))] }],
      ['11 section fields', { blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => field('f')) }] }],
      ['a section field of 2001 characters', { blocks: [{ type: 'section', fields: [field('f'.repeat(2001))] }] }],
    ])('%s: 400 invalid_blocks', async (_name, payload) => {
      expect(await post(payload)).toMatchObject({ status: 400, text: 'invalid_blocks' });
    });

    it.each([
      ['a path outside /services', `${sink.url}/hooks/T0/B0/x`],
      ['/services with nothing after it', `${sink.url}/services/`],
      ['the root', `${sink.url}/`],
    ])('%s: 404 no_service', async (_name, url) => {
      expect(await post({ text: 'hi' }, { url })).toMatchObject({ status: 404, text: 'no_service' });
    });

    it('a body over 1 MB: 413', async () => {
      const answer = await post({ text: 'x'.repeat(1024 * 1024 + 1) });
      expect(answer.status).toBe(413);
    });

    it('keeps none of the refused messages', async () => {
      await post('nope');
      await post({});
      await post({ blocks: [{ type: 'marquee' }] });
      expect(await client.messages()).toEqual([]);
      expect((await client.requests()).map((r) => [r.status, r.response])).toEqual([
        [400, 'invalid_payload'], [400, 'no_text'], [400, 'invalid_blocks'],
      ]);
    });
  });

  describe('fault switch', () => {
    it('answers 500 internal_error to every post until the fault is cleared', async () => {
      await client.setFault({ status: 500 });
      expect(await client.fault()).toEqual({ status: 500 });
      expect(await post({ text: 'first' })).toMatchObject({ status: 500, text: 'internal_error' });
      expect(await post({ text: 'second' })).toMatchObject({ status: 500, text: 'internal_error' });

      await client.clearFault();
      expect(await client.fault()).toBeNull();
      expect(await post({ text: 'third' })).toMatchObject({ status: 200, text: 'ok' });
      expect((await client.messages()).map((m) => m.payload.text)).toEqual(['third']);
    });

    it('answers 429 rate_limited with a Retry-After header (1 s unless set)', async () => {
      await client.setFault({ status: 429, retryAfterSeconds: 7 });
      const limited = await post({ text: 'too fast' });
      expect(limited).toMatchObject({ status: 429, text: 'rate_limited' });
      expect(limited.headers.get('retry-after')).toBe('7');

      await client.setFault({ status: 429 });
      expect((await post({ text: 'too fast again' })).headers.get('retry-after')).toBe('1');
      expect(await client.messages()).toEqual([]);
    });

    it('fails only the next `remaining` posts, counting down', async () => {
      await client.setFault({ status: 503, remaining: 2 });
      expect(await post({ text: 'a' })).toMatchObject({ status: 503, text: 'internal_error' });
      expect(await client.fault()).toEqual({ status: 503, remaining: 1 });
      expect(await post({ text: 'b' })).toMatchObject({ status: 503 });
      expect(await client.fault()).toBeNull();
      expect(await post({ text: 'c' })).toMatchObject({ status: 200, text: 'ok' });
      expect((await client.messages()).map((m) => m.payload.text)).toEqual(['c']);
    });

    it('answers 502 too, and fails even a post it would refuse', async () => {
      await client.setFault({ status: 502, remaining: 1 });
      expect(await post({})).toMatchObject({ status: 502, text: 'internal_error' });
      expect(await post({})).toMatchObject({ status: 400, text: 'no_text' });
    });

    it.each([
      ['an unknown status', { status: 418 }],
      ['a status that is not a number', { status: '500' }],
      ['a negative Retry-After', { status: 429, retryAfterSeconds: -1 }],
      ['remaining 0', { status: 500, remaining: 0 }],
    ])('refuses %s with 400 and keeps the current fault', async (_name, fault) => {
      const response = await fetch(`${sink.url}/api/fault`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
      expect(response.status).toBe(400);
      expect(await client.fault()).toBeNull();
    });
  });

  it('records every webhook request with its answer, so a test can check the client honoured Retry-After', async () => {
    await client.setFault({ status: 429, retryAfterSeconds: 1, remaining: 1 });
    await post({ text: 'limited' });
    await post({ text: 'accepted' });
    await post({ text: 'lost' }, { url: `${sink.url}/elsewhere` });

    const requests = await client.requests();
    expect(requests).toEqual([
      expect.objectContaining({ path: '/services/T0SHOP/B0E2E/secret', status: 429, response: 'rate_limited', retryAfterSeconds: 1 }),
      expect.objectContaining({ path: '/services/T0SHOP/B0E2E/secret', status: 200, response: 'ok' }),
      expect.objectContaining({ path: '/elsewhere', status: 404, response: 'no_service' }),
    ]);
    expect(requests[1]).not.toHaveProperty('retryAfterSeconds');
    for (const request of requests) {
      expect(Date.parse(request.answeredAt)).toBeGreaterThanOrEqual(Date.parse(request.receivedAt));
    }
    expect(Date.parse(requests[1]!.receivedAt)).toBeGreaterThanOrEqual(Date.parse(requests[0]!.answeredAt));
  });

  it('logs one JSON line per request', async () => {
    await post({ text: 'logged' });
    // The line is written once the answer is sent: wait for it to reach the pipe.
    const lines = await waitFor('the request in the log', async () => {
      const parsed = sink.log.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      return parsed.some((line) => line.method === 'POST') ? parsed : undefined;
    });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', msg: 'request', method: 'POST', path: '/services/T0SHOP/B0E2E/secret', status: 200 }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'request', method: 'GET', path: '/livez', status: 200 }));
  });
});

describe('the Slack sink process', () => {
  it('exits 0 on SIGTERM', async () => {
    const sink = new SlackSinkProcess(SHUTDOWN_PORT);
    await sink.start();
    expect(await sink.stop()).toBe(0);
  });

  it('runs in the infrastructure, where a message posted to it can be read back', async () => {
    const client = new SlackSinkClient(infra.slackSinkUrl);
    expect((await fetch(`${infra.slackSinkUrl}/livez`)).status).toBe(200);
    // The shared sink holds others' messages too: find this one by its text.
    const text = `infra check ${uniqueSuffix()}`;
    const response = await fetch(client.webhookUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    expect(response.status).toBe(200);
    const messages = await client.waitForMessages((all) => all.some((m) => m.payload.text === text));
    expect(messages.filter((m) => m.payload.text === text)).toHaveLength(1);
  });
});
