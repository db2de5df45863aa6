/** One frame of a text/event-stream: an event (`message` when unnamed), a `retry`, or a `comment`. */
export interface SseFrame {
  event: string;
  id?: string;
  data: string;
  /** Date.now() when its last byte arrived. */
  receivedAt: number;
}

export interface SseAnswer {
  status: number;
  headers: Headers;
  /** The problem (JSON) when the answer is not a stream. */
  body?: any;
  /** The stream when it is one (200, text/event-stream). */
  stream?: SseStream;
}

/**
 * A server-sent-events client for tests and benchmarks: fetch, and a small
 * parser of the format (WHATWG HTML, "Parsing an event stream"): frames end at
 * a blank line; `event`, `data`, `id`, `retry` fields; `:` comments are kept
 * as `comment` frames so a test can see the heartbeat.
 */
export class SseStream {
  readonly frames: SseFrame[] = [];
  /** Settles when the server ends the stream or the client closes it. */
  readonly done: Promise<void>;
  private readonly abort: AbortController;
  private readonly waiters = new Set<() => void>();
  private ended = false;

  private constructor(body: ReadableStream<Uint8Array>, abort: AbortController) {
    this.abort = abort;
    this.done = this.read(body);
  }

  /** GET `url` with `headers`: the stream, or the answer that refused it. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseAnswer> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    if (response.status !== 200 || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream') || !response.body) {
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    }
    return { status: response.status, headers: response.headers, stream: new SseStream(response.body, abort) };
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** The frames of one event type, their data parsed as JSON. */
  events<T = any>(event: string): T[] {
    return this.frames.filter((frame) => frame.event === event).map((frame) => JSON.parse(frame.data) as T);
  }

  /** The id of the last frame that had one (what a reconnect sends as Last-Event-ID). */
  get lastEventId(): string | undefined {
    return this.frames.findLast((frame) => frame.id !== undefined)?.id;
  }

  /** Waits until `condition` holds over the frames (checked at each frame), or throws after `timeoutMs`. */
  async until(description: string, condition: (frames: readonly SseFrame[]) => boolean, timeoutMs = 30_000): Promise<void> {
    if (condition(this.frames)) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (condition(this.frames)) finish(resolve);
        else if (this.ended) finish(() => reject(new Error(`the stream ended before ${description}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
    });
  }

  /** Hangs up (as a browser tab closing). */
  close(): Promise<void> {
    this.abort.abort();
    return this.done;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        for (const waiter of [...this.waiters]) waiter();
      }
    } catch (error) {
      if (!this.abort.signal.aborted) throw error;
    } finally {
      this.ended = true;
      for (const waiter of [...this.waiters]) waiter();
    }
  }

  private parse(block: string): void {
    const receivedAt = Date.now();
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === '') this.frames.push({ event: 'comment', data: value, receivedAt });
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
      else if (field === 'retry') this.frames.push({ event: 'retry', data: value, receivedAt });
    }
    if (data.length > 0) this.frames.push({ event, ...(id !== undefined && { id }), data: data.join('\n'), receivedAt });
  }
}
