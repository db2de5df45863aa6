// Server-sent events read with fetch, served at /assets/event-stream.js. The
// browser's EventSource cannot send an Authorization header, and the gateway's
// streams (GET /orders/:id/events) need one; so this reads text/event-stream
// itself and reconnects as EventSource would: after the server's `retry:`
// delay, with Last-Event-ID set to the last `id:` received. Plain browser
// JavaScript without a document: it runs in Node too
// (src/storefront/event-stream-script.spec.ts), given fetch and its friends.
'use strict';
/* exported EventStream -- used by the pages' scripts loaded after this one (storefront.js) */
const EventStream = (() => {
  const LINE_END = /\r\n?|\n/g;

  /**
   * A text/event-stream parser (WHATWG HTML, "Event stream interpretation")
   * fed text as it arrives, cut anywhere. `push` answers the events the text
   * completed, each `{ type, data, id }` (`id`: the last event id so far);
   * comments (`: keep-alive`) are skipped; `retryMs` is the last valid `retry:`.
   */
  function createParser(lastEventId = '') {
    let buffer = '';
    // A chunk that ended in CR: an LF opening the next one is the same line end.
    let skipLeadingLf = false;
    let eventType = '';
    let data = '';
    const state = { lastEventId, retryMs: null };

    function take(line, events) {
      if (line === '') {
        // An event with no data field is dropped, as the standard says.
        if (data !== '') events.push({ type: eventType || 'message', data: data.slice(0, -1), id: state.lastEventId });
        eventType = '';
        data = '';
        return;
      }
      if (line.startsWith(':')) return;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') eventType = value;
      else if (field === 'data') data += value + '\n';
      else if (field === 'id' && !value.includes('\0')) state.lastEventId = value;
      else if (field === 'retry' && /^\d+$/.test(value)) state.retryMs = Number(value);
    }

    function push(text) {
      const events = [];
      if (skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
      skipLeadingLf = false;
      buffer += text;
      let start = 0;
      LINE_END.lastIndex = 0;
      for (let match = LINE_END.exec(buffer); match !== null; match = LINE_END.exec(buffer)) {
        take(buffer.slice(start, match.index), events);
        start = LINE_END.lastIndex;
        if (match[0] === '\r' && start === buffer.length) skipLeadingLf = true;
      }
      buffer = buffer.slice(start);
      return events;
    }

    return {
      push,
      get lastEventId() {
        return state.lastEventId;
      },
      get retryMs() {
        return state.retryMs;
      },
    };
  }

  /** A Retry-After header (seconds, or an HTTP date) as milliseconds from `now`, or null when there is none. */
  function retryAfterMs(header, now) {
    const text = String(header ?? '').trim();
    if (/^\d+$/.test(text)) return Number(text) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? null : Math.max(0, date - now);
  }

  /** Resolves after `ms`, or at once when `signal` aborts: a wait the page can cut short. */
  function pause(ms, signal) {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (signal.aborted) done();
      else signal.addEventListener('abort', done);
    });
  }

  async function readBody(response) {
    try {
      const text = await response.text();
      return /json/.test(response.headers.get('content-type') || '') ? JSON.parse(text) : text;
    } catch {
      return '';
    }
  }

  /**
   * Reads one connection's events into `deliver` until the server closes it
   * (false), `deliver` says that was the last event (true), or nothing at
   * all, not even a keep-alive comment, came for `idleMs` (the connection is
   * dropped: false).
   */
  async function readConnection(response, parser, deliver, idleMs, connection) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let idle = setTimeout(() => connection.abort(), idleMs);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return false;
        clearTimeout(idle);
        idle = setTimeout(() => connection.abort(), idleMs);
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          if (deliver(event)) return true;
        }
      }
    } catch (error) {
      if (connection.signal.aborted) return false;
      throw error;
    } finally {
      clearTimeout(idle);
      reader.cancel().catch(() => {});
    }
  }

  /**
   * Follows the stream at `url` until `isLast(event)` says an event was the
   * last one, the page aborts `signal`, or the server refuses it. Every event
   * goes to `onEvent`. A dropped connection is opened again after the server's
   * `retry:` delay (a 429 or 503 after its Retry-After) with Last-Event-ID;
   * `onWait({ waitMs, status, body })` tells the page. A 401 is retried once
   * with `headers({ renew: true })` (a fresh sign-in). After `maxFailures`
   * connections in a row that brought no event it gives up.
   *
   * Answers how it ended: `{ outcome: 'finished' }`, `{ outcome: 'stopped' }`
   * (aborted), `{ outcome: 'refused', status, body }` (an answer other than
   * 401, 429 or 503 before the stream), `{ outcome: 'gave-up', status, body }`.
   */
  async function follow(options) {
    const { url, headers, onEvent, isLast, onWait = () => {}, signal, fetch: fetchImpl = fetch, maxFailures = 5, idleMs = 60000, maxWaitMs = 30000 } = options;
    let lastEventId = '';
    let retryMs = options.retryMs ?? 3000;
    let failures = 0;
    let renew = false;
    while (!signal.aborted) {
      let problem;
      const connection = new AbortController();
      const parser = createParser(lastEventId);
      try {
        const requestHeaders = Object.assign({ accept: 'text/event-stream' }, await headers({ renew }), lastEventId === '' ? {} : { 'last-event-id': lastEventId });
        const response = await fetchImpl(url, { headers: requestHeaders, cache: 'no-store', signal: AbortSignal.any([signal, connection.signal]) });
        const isStream = response.ok && /^text\/event-stream/.test(response.headers.get('content-type') || '');
        if (response.status === 401 && !renew) {
          renew = true;
          await readBody(response);
          continue;
        }
        renew = false;
        if (!isStream) {
          const body = await readBody(response);
          if (response.status !== 429 && response.status !== 503) return { outcome: 'refused', status: response.status, body };
          problem = { status: response.status, body, waitMs: retryAfterMs(response.headers.get('retry-after'), Date.now()) ?? retryMs };
        } else {
          const deliver = (event) => {
            failures = 0;
            lastEventId = event.id;
            onEvent(event);
            return isLast(event);
          };
          const finished = await readConnection(response, parser, deliver, idleMs, connection);
          if (parser.retryMs !== null) retryMs = parser.retryMs;
          if (finished) return { outcome: 'finished' };
          problem = { status: response.status, body: 'the stream closed', waitMs: retryMs };
        }
      } catch (error) {
        if (signal.aborted) break;
        if (parser.retryMs !== null) retryMs = parser.retryMs;
        problem = { status: 0, body: String(error && error.message ? error.message : error), waitMs: retryMs };
      }
      if (++failures > maxFailures) return { outcome: 'gave-up', status: problem.status, body: problem.body };
      const waitMs = Math.min(problem.waitMs, maxWaitMs);
      onWait({ waitMs, status: problem.status, body: problem.body });
      await pause(waitMs, signal);
    }
    return { outcome: 'stopped' };
  }

  return { createParser, retryAfterMs, follow };
})();
