import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { infra } from './environment.js';
import { stopChild } from './stop-child.js';
import { GiveUp, waitFor } from './wait-for.js';

const sinkScript = path.resolve(import.meta.dirname, '../../infra/slack-sink/slack-sink.ts');

/** A message the sink accepted (answered 200 ok). */
export interface SlackMessage {
  id: string;
  receivedAt: string;
  /** The webhook path it was posted to: /services/... */
  path: string;
  payload: { text?: string; blocks?: Record<string, unknown>[]; [field: string]: unknown };
}

/** One webhook request and the sink's answer to it. */
export interface SlackRequest {
  receivedAt: string;
  answeredAt: string;
  path: string;
  status: number;
  /** The answer's body: ok, no_text, rate_limited, ... */
  response: string;
  retryAfterSeconds?: number;
}

export interface SlackFault {
  status: 429 | 500 | 502 | 503;
  /** The Retry-After header (429: 1 unless set). */
  retryAfterSeconds?: number;
  /** How many webhook posts fail; left out: until clearFault(). */
  remaining?: number;
}

/** The Slack sink's read-back and fault API (infra/slack-sink/slack-sink.ts). */
export class SlackSinkClient {
  constructor(readonly baseUrl: string = infra.slackSinkUrl) {}

  /** A webhook URL on this sink, shaped like Slack's. */
  webhookUrl(pathAfterServices = 'T000/B000/e2e'): string {
    return `${this.baseUrl}/services/${pathAfterServices}`;
  }

  /** Accepted messages, in arrival order. */
  async messages(): Promise<SlackMessage[]> {
    return (await this.request('GET', '/api/messages')).json() as Promise<SlackMessage[]>;
  }

  /** Every webhook request, in arrival order, with the status it got. */
  async requests(): Promise<SlackRequest[]> {
    return (await this.request('GET', '/api/requests')).json() as Promise<SlackRequest[]>;
  }

  /** Forgets messages and requests. Only on a private sink: the shared one is used by others. */
  async clear(): Promise<void> {
    await this.request('DELETE', '/api/messages');
    await this.request('DELETE', '/api/requests');
  }

  async fault(): Promise<SlackFault | null> {
    return (await this.request('GET', '/api/fault')).json() as Promise<SlackFault | null>;
  }

  async setFault(fault: SlackFault): Promise<void> {
    await this.request('PUT', '/api/fault', fault);
  }

  async clearFault(): Promise<void> {
    await this.request('DELETE', '/api/fault');
  }

  /** Waits until messages accepted on a webhook path match `accept`, and returns them. */
  async waitForMessages(accept: (messages: SlackMessage[]) => boolean, timeoutMs = 15_000): Promise<SlackMessage[]> {
    return waitFor('messages in the Slack sink', async () => {
      const messages = await this.messages();
      return accept(messages) ? messages : undefined;
    }, { timeoutMs, intervalMs: 200 });
  }

  private async request(method: string, pathAndQuery: string, body?: unknown): Promise<Response> {
    const response = await fetch(this.baseUrl + pathAndQuery, {
      method,
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`Slack sink ${method} ${pathAndQuery}: ${response.status} ${await response.text()}`);
    return response;
  }
}

/** A Slack sink of a test's own on a port it chooses: its faults and messages touch no one else. */
export class SlackSinkProcess {
  private readonly output: string[] = [];
  private child?: ChildProcess;

  constructor(readonly port: number) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get client(): SlackSinkClient {
    return new SlackSinkClient(this.url);
  }

  /** What the process printed (one JSON line per request), for failure messages. */
  get log() {
    return this.output.join('');
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [sinkScript], {
      env: { PATH: process.env.PATH, SLACK_SINK_HOST: '127.0.0.1', SLACK_SINK_PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (chunk) => this.output.push(String(chunk)));
    child.stderr!.on('data', (chunk) => this.output.push(String(chunk)));
    await waitFor(`the Slack sink on ${this.port}`, async () => {
      if (child.exitCode !== null) throw new GiveUp(`the Slack sink exited with ${child.exitCode}:\n${this.log}`);
      return (await fetch(`${this.url}/livez`)).ok ? true : undefined;
    }, { timeoutMs: 15_000 });
  }

  /** SIGTERM, then its exit code (0 on a clean shutdown). */
  stop(): Promise<number | null> {
    return stopChild(this.child, 10_000);
  }
}
