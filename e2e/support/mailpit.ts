import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MailpitClient } from './mailpit-client.js';
import { stopChild } from './stop-child.js';
import { GiveUp, waitFor } from './wait-for.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

// The client lives in its own module, which Node can run without a compiler (./shop smoke).
export * from './mailpit-client.js';

/** Where infra/mailpit/mailpit.sh caches the binary it builds: $SHOP_CACHE/mailpit-<version in go.mod>/mailpit. */
export function mailpitBinary(): string {
  if (process.env.MAILPIT_BIN) return process.env.MAILPIT_BIN;
  const goMod = readFileSync(path.join(repoRoot, 'infra/mailpit/go.mod'), 'utf8');
  const version = /^require github\.com\/axllent\/mailpit (v\S+)/m.exec(goMod)?.[1];
  if (!version) throw new Error('no Mailpit version in infra/mailpit/go.mod');
  const cache = process.env.SHOP_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'event-shop');
  return path.join(cache, `mailpit-${version}`, 'mailpit');
}

/**
 * A Mailpit of a test's own, on ports it chooses, with its own database in a
 * temporary directory: started, stopped (SIGTERM) and started again on the same
 * ports and database, as an SMTP server going away and coming back.
 */
export class MailpitProcess {
  private readonly output: string[] = [];
  private readonly dataDir = mkdtempSync(path.join(os.tmpdir(), 'shop-mailpit-'));
  private child?: ChildProcess;

  constructor(readonly smtpPort: number, readonly httpPort: number) {}

  get url() {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  get smtpUrl() {
    return `smtp://127.0.0.1:${this.smtpPort}`;
  }

  get client(): MailpitClient {
    return new MailpitClient(this.url);
  }

  get database() {
    return path.join(this.dataDir, 'mailpit.db');
  }

  /** What the process printed, for failure messages. */
  get log() {
    return this.output.join('');
  }

  get running() {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts Mailpit (the same flags as infra/mailpit/mailpit.sh) and waits until its API answers and its SMTP server greets. */
  async start(): Promise<void> {
    if (this.running) throw new Error('this Mailpit is already running');
    const binary = mailpitBinary();
    if (!existsSync(binary)) throw new Error(`no Mailpit binary at ${binary}: ./shop infra start builds it`);
    const child = spawn(binary, [
      '--smtp', `127.0.0.1:${this.smtpPort}`, '--listen', `127.0.0.1:${this.httpPort}`, '--database', this.database,
      '--disable-version-check', '--max', '5000', '--smtp-auth-accept-any', '--smtp-auth-allow-insecure',
      '--smtp-disable-rdns', '--enable-chaos',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (chunk) => this.output.push(String(chunk)));
    child.stderr!.on('data', (chunk) => this.output.push(String(chunk)));
    await waitFor(`Mailpit on ${this.smtpPort}/${this.httpPort}`, async () => {
      if (child.exitCode !== null) throw new GiveUp(`Mailpit exited with ${child.exitCode}:\n${this.log}`);
      const response = await fetch(`${this.url}/livez`);
      return response.ok && (await smtpGreeting('127.0.0.1', this.smtpPort)).startsWith('220') ? true : undefined;
    }, { timeoutMs: 20_000 });
  }

  /** SIGTERM, then the exit code once the process is gone (0: Mailpit closed its database cleanly). */
  stop(): Promise<number | null> {
    return stopChild(this.child);
  }

  /** Stops it and deletes its database. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Connects, reads the server's greeting line and says QUIT. */
export async function smtpGreeting(host: string, port: number): Promise<string> {
  const session = await SmtpSession.connect(host, port);
  try {
    return session.greeting;
  } finally {
    await session.quit();
  }
}

/** Whether a TCP connection is accepted, or the error code it fails with (ECONNREFUSED when nothing listens). */
export function tcpConnect(host: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

export interface SmtpMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId?: string;
  /** Extra headers, e.g. { 'X-Shop-Event-Id': '...' }. */
  headers?: Record<string, string>;
}

/** The message Mailpit sees: RFC 5322 headers and a plain text body, CRLF line ends. */
export function composeMail(mail: SmtpMail): string {
  const headers: Record<string, string> = {
    From: mail.from,
    To: mail.to.join(', '),
    Subject: mail.subject,
    Date: new Date().toUTCString(),
    ...(mail.messageId && { 'Message-ID': `<${mail.messageId}>` }),
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Transfer-Encoding': '8bit',
    ...mail.headers,
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n');
  return `${head}\r\n\r\n${mail.text.replace(/\r?\n/g, '\r\n')}`;
}

/**
 * Sends one message with a plain SMTP dialogue (EHLO, MAIL, RCPT, DATA, QUIT)
 * over node:net: no client library between the test and the server. Returns
 * the server's answer to the data (Mailpit: `250 2.0.0 Ok: queued as <id>`);
 * rejects with the reply of the step the server refused.
 */
export async function sendMail(smtpUrl: string, mail: SmtpMail): Promise<string> {
  const { hostname, port } = new URL(smtpUrl);
  const session = await SmtpSession.connect(hostname, Number(port || 25));
  try {
    if (!session.greeting.startsWith('220')) throw new Error(`SMTP greeting: ${session.greeting}`);
    await session.command('EHLO e2e.shop.local', 250);
    await session.command(`MAIL FROM:<${mail.from}>`, 250);
    for (const to of mail.to) await session.command(`RCPT TO:<${to}>`, 250);
    await session.command('DATA', 354);
    // Dot-stuffing: a line starting with a dot gets a second one.
    const data = composeMail(mail).replace(/^\./gm, '..');
    return await session.command(`${data}\r\n.`, 250);
  } finally {
    await session.quit();
  }
}

/** One SMTP connection: writes commands, reads (multi-line) replies. */
class SmtpSession {
  private buffer = '';
  private readonly replies: string[] = [];
  private waiting?: { resolve: (reply: string) => void; reject: (error: Error) => void };
  private failure?: Error;
  greeting = '';

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('SMTP connection closed')));
  }

  static async connect(host: string, port: number): Promise<SmtpSession> {
    const socket = net.connect({ host, port });
    socket.setTimeout(10_000, () => socket.destroy(new Error(`SMTP ${host}:${port} timed out`)));
    await once(socket, 'connect');
    const session = new SmtpSession(socket);
    session.greeting = await session.reply();
    return session;
  }

  /** Sends a line and returns the reply, which must have the expected code. */
  async command(line: string, expected: number): Promise<string> {
    this.socket.write(`${line}\r\n`);
    const reply = await this.reply();
    if (!reply.startsWith(String(expected))) throw new Error(`SMTP ${line.split('\r\n')[0]!.slice(0, 40)} → ${reply}`);
    return reply;
  }

  async quit(): Promise<void> {
    if (this.socket.destroyed) return;
    const closed = once(this.socket, 'close').catch(() => undefined);
    if (!this.failure) this.socket.end('QUIT\r\n');
    this.socket.destroySoon();
    await closed;
  }

  private reply(): Promise<string> {
    const ready = this.replies.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  private receive(chunk: string) {
    this.buffer += chunk;
    // A reply ends at a line whose code is followed by a space ("250 ok"), not a dash ("250-SIZE").
    const complete = /^(?:\d{3}-.*\r\n)*\d{3}(?: .*)?\r\n/;
    let match: RegExpExecArray | null;
    while ((match = complete.exec(this.buffer))) {
      this.buffer = this.buffer.slice(match[0].length);
      const reply = match[0].trimEnd();
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting.resolve(reply);
      else this.replies.push(reply);
    }
  }

  private fail(error: Error) {
    this.failure ??= error;
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = undefined;
      reject(this.failure);
    }
  }
}
