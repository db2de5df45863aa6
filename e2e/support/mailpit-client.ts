// Mailpit's HTTP API, for the tests and for ./shop smoke (e2e/smoke), which Node runs
// as it is: hence only erasable TypeScript here and imports by their .ts names.
import { infra } from './environment.ts';
import { waitFor } from './wait-for.ts';

export interface MailpitAddress {
  Name: string;
  Address: string;
}

/** One message as Mailpit lists it. */
export interface MailpitSummary {
  /** Mailpit's own id, for message(id). */
  ID: string;
  /** The Message-ID header, without its angle brackets. */
  MessageID: string;
  From: MailpitAddress;
  To: MailpitAddress[];
  Cc: MailpitAddress[];
  Bcc: MailpitAddress[];
  Subject: string;
  Created: string;
  Tags: string[];
  Size: number;
  Snippet: string;
}

/** One whole message, with its text and HTML bodies. */
export interface MailpitMessage extends Omit<MailpitSummary, 'Created' | 'Snippet'> {
  Date: string;
  ReturnPath: string;
  Text: string;
  HTML: string;
  Attachments: { PartID: string; FileName: string; ContentType: string; Size: number }[];
}

/** SMTP errors Mailpit answers with the given probability (0-100), see https://mailpit.axllent.org/docs/integration/chaos/. */
export interface ChaosTrigger {
  ErrorCode: number;
  Probability: number;
}
export interface ChaosTriggers {
  Sender?: ChaosTrigger;
  Recipient?: ChaosTrigger;
  Authentication?: ChaosTrigger;
}

/** Mailpit's HTTP API (https://mailpit.axllent.org/docs/api-v1/). */
export class MailpitClient {
  readonly baseUrl: string;

  constructor(baseUrl: string = infra.mailpitUrl) {
    this.baseUrl = baseUrl;
  }

  /** The newest messages first. */
  async messages({ limit = 100 } = {}): Promise<MailpitSummary[]> {
    const body = await this.json<{ messages: MailpitSummary[] }>(`/api/v1/messages?limit=${limit}`);
    return body.messages;
  }

  async message(id: string): Promise<MailpitMessage> {
    return this.json<MailpitMessage>(`/api/v1/message/${encodeURIComponent(id)}`);
  }

  /** Every header of a message, keys as Mailpit spells them (canonical case). */
  async headers(id: string): Promise<Record<string, string[]>> {
    return this.json<Record<string, string[]>>(`/api/v1/message/${encodeURIComponent(id)}/headers`);
  }

  /** Mailpit's search syntax: `to:ada@example.com subject:"order 42" message-id:...`. */
  async search(query: string, { limit = 100 } = {}): Promise<MailpitSummary[]> {
    const body = await this.json<{ messages: MailpitSummary[] }>(`/api/v1/search?query=${encodeURIComponent(query)}&limit=${limit}`);
    return body.messages;
  }

  /** Waits until a search finds at least `count` messages and returns them. */
  async waitForMessages(query: string, { count = 1, timeoutMs = 15_000 } = {}): Promise<MailpitSummary[]> {
    return waitFor(`${count} message(s) in Mailpit matching ${query}`, async () => {
      const found = await this.search(query);
      return found.length >= count ? found : undefined;
    }, { timeoutMs, intervalMs: 200 });
  }

  /** Deletes every message: only on a private instance, the shared one is used by others. */
  async deleteAll(): Promise<void> {
    await this.request('DELETE', '/api/v1/messages');
  }

  async chaos(): Promise<Required<ChaosTriggers>> {
    return this.json<Required<ChaosTriggers>>('/api/v1/chaos');
  }

  /** Sets the chaos triggers; those left out are reset to 0 %. Needs --enable-chaos (infra/mailpit/mailpit.sh sets it). */
  async setChaos(triggers: ChaosTriggers): Promise<void> {
    await this.request('PUT', '/api/v1/chaos', triggers);
  }

  async clearChaos(): Promise<void> {
    await this.setChaos({});
  }

  private async json<T>(pathAndQuery: string): Promise<T> {
    return (await (await this.request('GET', pathAndQuery)).json()) as T;
  }

  private async request(method: string, pathAndQuery: string, body?: unknown): Promise<Response> {
    const response = await fetch(this.baseUrl + pathAndQuery, {
      method,
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`Mailpit ${method} ${pathAndQuery}: ${response.status} ${await response.text()}`);
    return response;
  }
}
