// A local stand-in for Slack's incoming webhooks: it answers like Slack does,
// keeps what it accepted, and can be told to fail, so the slack-notifier is
// tested against a real HTTP peer. One dependency-free file of erasable
// TypeScript: `node infra/slack-sink/slack-sink.ts` runs it (Node >= 24).
//
//   POST   /services/<anything>  a webhook post (JSON, or form-encoded `payload=<JSON>`):
//                                200 ok | 400 invalid_payload | 400 no_text | 400 invalid_blocks | 413
//   GET    /api/messages         accepted messages, in arrival order; DELETE clears them
//   GET    /api/requests         every webhook request and its answer; DELETE clears them
//   PUT    /api/fault            {"status": 500|502|503|429, "retryAfterSeconds"?, "remaining"?}
//   GET    /api/fault            the current fault (or null); DELETE clears it
//   GET    /livez                200
//
// Settings: SLACK_SINK_HOST (127.0.0.1), SLACK_SINK_PORT (3090).

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const HOST = process.env.SLACK_SINK_HOST ?? '127.0.0.1';
const PORT = Number(process.env.SLACK_SINK_PORT ?? 3090);
const MAX_BODY_BYTES = 1024 * 1024;
/** Messages and requests kept in memory, each, as many as Mailpit keeps mail (--max): the oldest go first. */
const MAX_KEPT = 5_000;

/** Slack's Block Kit limits that the checks below enforce. */
const LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, fields: 10, fieldText: 2000 };
const BLOCK_TYPES = new Set(['section', 'header', 'divider', 'context', 'actions', 'image', 'rich_text', 'input', 'file', 'video']);
const FAULT_STATUSES = new Set([429, 500, 502, 503]);

interface StoredMessage {
  id: string;
  receivedAt: string;
  path: string;
  payload: Record<string, unknown>;
}

interface RequestRecord {
  receivedAt: string;
  answeredAt: string;
  path: string;
  status: number;
  response: string;
  retryAfterSeconds?: number;
}

interface Fault {
  status: number;
  retryAfterSeconds?: number;
  /** Webhook posts still to fail; absent: until cleared. */
  remaining?: number;
}

interface Answer {
  status: number;
  body: string;
  retryAfterSeconds?: number;
}

const messages: StoredMessage[] = [];
const requests: RequestRecord[] = [];
let fault: Fault | null = null;

class BodyTooLarge extends Error {}

function keep<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_KEPT) list.shift();
}

function log(fields: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', service: 'slack-sink', ...fields }) + '\n');
}

/** The body as text; past MAX_BODY_BYTES the rest is read and dropped, so the client still gets its answer. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The payload of a webhook post, as Slack reads it: a JSON body, or a form
 * field `payload` holding JSON (a form body without that field is read as JSON,
 * so `curl -d '{"text":"hi"}'` works as it does against Slack).
 */
function parsePayload(body: string, contentType: string | undefined): Record<string, unknown> | undefined {
  let json = body;
  if ((contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    json = new URLSearchParams(body).get('payload') ?? body;
  }
  try {
    const parsed: unknown = JSON.parse(json);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function validTextObject(value: unknown, types: readonly string[], maxLength: number): boolean {
  return isObject(value) && typeof value.type === 'string' && types.includes(value.type) &&
    typeof value.text === 'string' && value.text.length > 0 && value.text.length <= maxLength;
}

function validBlock(block: unknown): boolean {
  if (!isObject(block) || typeof block.type !== 'string' || !BLOCK_TYPES.has(block.type)) return false;
  if (block.type === 'header') return validTextObject(block.text, ['plain_text'], LIMITS.headerText);
  if (block.type === 'section') {
    if (block.text === undefined && block.fields === undefined) return false;
    if (block.text !== undefined && !validTextObject(block.text, ['plain_text', 'mrkdwn'], LIMITS.sectionText)) return false;
    if (block.fields !== undefined) {
      const fields = block.fields;
      if (!Array.isArray(fields) || fields.length === 0 || fields.length > LIMITS.fields) return false;
      if (!fields.every((field) => validTextObject(field, ['plain_text', 'mrkdwn'], LIMITS.fieldText))) return false;
    }
  }
  return true;
}

/** Slack's answer to a well-formed request: 200 ok, or the error it would name. */
function judge(payload: Record<string, unknown> | undefined): Answer {
  if (!payload) return { status: 400, body: 'invalid_payload' };
  const { text, blocks } = payload;
  if (blocks !== undefined && blocks !== null) {
    if (!Array.isArray(blocks) || blocks.length > LIMITS.blocks || !blocks.every(validBlock)) return { status: 400, body: 'invalid_blocks' };
  }
  const hasText = typeof text === 'string' && text.trim().length > 0;
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (!hasText && !hasBlocks) return { status: 400, body: 'no_text' };
  return { status: 200, body: 'ok' };
}

/** The configured fault's answer, counting down `remaining`; undefined when none applies. */
function takeFault(): Answer | undefined {
  if (!fault) return undefined;
  const current = fault;
  if (current.remaining !== undefined) {
    current.remaining -= 1;
    if (current.remaining <= 0) fault = null;
  }
  if (current.status === 429) return { status: 429, body: 'rate_limited', retryAfterSeconds: current.retryAfterSeconds ?? 1 };
  return { status: current.status, body: 'internal_error', retryAfterSeconds: current.retryAfterSeconds };
}

async function webhook(req: IncomingMessage, res: ServerResponse, path: string): Promise<Answer> {
  const receivedAt = new Date();
  let answer: Answer;
  let payload: Record<string, unknown> | undefined;
  if (!/^\/services\/.+/.test(path)) {
    answer = { status: 404, body: 'no_service' };
  } else if (req.method !== 'POST') {
    answer = { status: 405, body: 'invalid_method' };
  } else {
    try {
      const body = await readBody(req);
      payload = parsePayload(body, req.headers['content-type']);
      answer = takeFault() ?? judge(payload);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      answer = { status: 413, body: 'request_too_large' };
    }
  }
  if (answer.status === 200 && payload) {
    keep(messages, { id: randomUUID(), receivedAt: receivedAt.toISOString(), path, payload });
  }
  const headers: Record<string, string> = {};
  if (answer.retryAfterSeconds !== undefined) headers['retry-after'] = String(answer.retryAfterSeconds);
  send(res, answer.status, answer.body, headers);
  keep(requests, {
    receivedAt: receivedAt.toISOString(),
    answeredAt: new Date().toISOString(),
    path,
    status: answer.status,
    response: answer.body,
    ...(answer.retryAfterSeconds !== undefined && { retryAfterSeconds: answer.retryAfterSeconds }),
  });
  return answer;
}

function parseFault(value: unknown): Fault | string {
  if (!isObject(value)) return 'expected a JSON object';
  const { status, retryAfterSeconds, remaining } = value;
  if (typeof status !== 'number' || !FAULT_STATUSES.has(status)) return 'status must be one of 429, 500, 502, 503';
  if (retryAfterSeconds !== undefined && !(Number.isInteger(retryAfterSeconds) && (retryAfterSeconds as number) >= 0)) {
    return 'retryAfterSeconds must be a non-negative integer';
  }
  if (remaining !== undefined && !(Number.isInteger(remaining) && (remaining as number) > 0)) return 'remaining must be a positive integer';
  return {
    status,
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds: retryAfterSeconds as number }),
    ...(remaining !== undefined && { remaining: remaining as number }),
  };
}

async function api(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const route = `${req.method} ${path}`;
  switch (route) {
    case 'GET /livez':
      send(res, 200, 'ok');
      return true;
    case 'GET /api/messages':
      sendJson(res, 200, messages);
      return true;
    case 'DELETE /api/messages':
      messages.length = 0;
      res.writeHead(204).end();
      return true;
    case 'GET /api/requests':
      sendJson(res, 200, requests);
      return true;
    case 'DELETE /api/requests':
      requests.length = 0;
      res.writeHead(204).end();
      return true;
    case 'GET /api/fault':
      sendJson(res, 200, fault);
      return true;
    case 'DELETE /api/fault':
      fault = null;
      res.writeHead(204).end();
      return true;
    case 'PUT /api/fault': {
      let parsed: Fault | string;
      try {
        parsed = parseFault(JSON.parse(await readBody(req)));
      } catch (error) {
        if (error instanceof BodyTooLarge) parsed = 'body too large';
        else parsed = 'expected a JSON object';
      }
      if (typeof parsed === 'string') {
        sendJson(res, 400, { error: parsed });
      } else {
        fault = parsed;
        sendJson(res, 200, fault);
      }
      return true;
    }
  }
  if (path === '/livez' || path.startsWith('/api/')) {
    const known = ['/livez', '/api/messages', '/api/requests', '/api/fault'].includes(path);
    sendJson(res, known ? 405 : 404, { error: `no route ${route}` });
    return true;
  }
  return false;
}

const server = createServer((req, res) => {
  const started = Date.now();
  const path = new URL(req.url ?? '/', 'http://sink').pathname;
  res.on('finish', () => log({ msg: 'request', method: req.method, path, status: res.statusCode, ms: Date.now() - started }));
  (async () => {
    if (!(await api(req, res, path))) await webhook(req, res, path);
  })().catch((error: unknown) => {
    log({ level: 'error', msg: 'request failed', path, error: error instanceof Error ? error.message : String(error) });
    if (!res.headersSent) send(res, 500, 'internal_error');
    else res.destroy();
  });
});

server.listen(PORT, HOST, () => log({ msg: `listening on http://${HOST}:${PORT}` }));
server.on('error', (error) => {
  log({ level: 'error', msg: 'server error', error: error.message });
  process.exit(1);
});

function shutdown(signal: string): void {
  log({ msg: `got ${signal}, shutting down` });
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
