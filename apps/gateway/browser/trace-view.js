// The trace view's script, served at /assets/trace-view.js (the page allows
// scripts of its own origin only). Plain browser JavaScript, no framework, no
// build step. Its pure part, `TraceView`, runs in Node too
// (src/traces/trace-view-script.spec.ts); the DOM part runs only where there
// is a document. Everything that comes from data is set with textContent or
// as a property, never parsed as HTML.
'use strict';
const TraceView = (() => {
  const TRACE_ID = /^[0-9a-f]{32}$/;
  /** One hue per service, in the order the services first appear; more services than hues wrap around. */
  const PALETTE = ['#2463eb', '#d97706', '#0f9d58', '#9333ea', '#0891b2', '#db2777', '#65a30d', '#78716c'];

  /** The trace id of a page path `/traces/<id>`, or null. */
  function traceIdOfPath(pathname) {
    const match = /^\/traces\/([^/]+)\/?$/.exec(String(pathname));
    return match && TRACE_ID.test(match[1]) ? match[1] : null;
  }

  /**
   * The spans in the order the waterfall lists them: each after its parent,
   * siblings by start, with its depth. A span whose parent is not in the trace
   * (not exported yet, or lost) is a root, so nothing is left out.
   */
  function spanRows(spans) {
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const children = new Map();
    const roots = [];
    for (const span of spans) {
      if (span.parentSpanId && span.parentSpanId !== span.spanId && byId.has(span.parentSpanId)) {
        if (!children.has(span.parentSpanId)) children.set(span.parentSpanId, []);
        children.get(span.parentSpanId).push(span);
      } else {
        roots.push(span);
      }
    }
    const byStart = (a, b) => a.startUs - b.startUs || (a.spanId < b.spanId ? -1 : 1);
    const rows = [];
    const seen = new Set();
    // Depth first without recursion: a deep trace cannot overflow the stack, and a cycle (bad data) is cut.
    const stack = roots.sort(byStart).reverse().map((span) => ({ span, depth: 0 }));
    while (stack.length > 0) {
      const { span, depth } = stack.pop();
      if (seen.has(span.spanId)) continue;
      seen.add(span.spanId);
      rows.push({ span, depth });
      const below = (children.get(span.spanId) || []).slice().sort(byStart).reverse();
      for (const child of below) stack.push({ span: child, depth: depth + 1 });
    }
    return rows;
  }

  /** Where a span's bar sits on the trace's time line, in percent; its duration's label goes after the bar, or before it near the end. */
  function barOf(span, traceDurationUs) {
    const total = Math.max(traceDurationUs, 1);
    const left = Math.min(100, Math.max(0, (span.startUs / total) * 100));
    const width = Math.min(100 - left, Math.max(0, (span.durationUs / total) * 100));
    return { left, width, labelAfter: left + width <= 70 };
  }

  /** Microseconds as a person reads them: 850 µs, 12.3 ms, 2.35 s. */
  function formatDuration(us) {
    if (!Number.isFinite(us)) return '';
    if (us < 1000) return Math.round(us) + ' µs';
    if (us < 1000000) return (us / 1000).toFixed(us < 10000 ? 2 : 1) + ' ms';
    return (us / 1000000).toFixed(2) + ' s';
  }

  /** Each service's color, by its place in the trace's list of services. */
  function serviceColors(services) {
    return new Map(services.map((service, index) => [service.name, PALETTE[index % PALETTE.length]]));
  }

  /** The span's summary line of one row: "service · operation". */
  function rowLabel(span) {
    return span.service + ' · ' + span.operation;
  }

  /**
   * An answer that is no trace, as what to tell the reader: a heading, the
   * detail, and whether trying again may help (the trace is still arriving,
   * Jaeger is away) or signing in would.
   */
  function describeAnswer(status, body) {
    const problem = body !== null && typeof body === 'object' ? body : {};
    const detail = typeof problem.detail === 'string' ? problem.detail : typeof body === 'string' ? body.trim().slice(0, 300) : '';
    if (status === 404) {
      return { heading: 'Not in Jaeger yet', detail: 'The services export their spans every few seconds: try again in a few seconds. (' + detail + ')', retry: true, signIn: false };
    }
    if (status === 401) return { heading: 'Sign in to see traces', detail, retry: false, signIn: true };
    if (status === 503) return { heading: 'Jaeger is not answering', detail: detail + ' Try again in a few seconds.', retry: true, signIn: false };
    if (status === 0) return { heading: 'The gateway could not be reached', detail, retry: true, signIn: false };
    const title = typeof problem.title === 'string' ? problem.title : 'Request failed';
    return { heading: title + ' (' + status + ')', detail, retry: false, signIn: false };
  }

  return { traceIdOfPath, spanRows, barOf, formatDuration, serviceColors, rowLabel, describeAnswer };
})();

if (typeof document !== 'undefined') {
  const TOKEN_KEY = 'event-shop.token';
  const DEMO_CUSTOMER_ID = 'ada';
  /** A trace seconds old is still arriving: a 404 is asked again a few times before the page waits for Refresh. */
  const NOT_YET_RETRIES = 5;
  const NOT_YET_WAIT_MS = 2000;
  const $ = (id) => document.getElementById(id);
  const meta = (name) => document.querySelector('meta[name="' + name + '"]').content;
  const jaegerUiUrl = meta('jaeger-ui-url');
  const demoSignIn = meta('demo-sign-in') === 'on';
  const traceId = TraceView.traceIdOfPath(location.pathname);
  let demoToken = null;
  let loading = 0;

  /** An element with text children (strings become text nodes, never HTML). */
  function el(tag, properties, ...children) {
    const element = document.createElement(tag);
    Object.assign(element, properties);
    for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return element;
  }

  function storedToken() {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  }

  /** fetch as JSON; status 0 when the gateway could not be reached. */
  async function call(method, path, headers, body) {
    try {
      const response = await fetch(path, { method, headers, body });
      const text = await response.text();
      let parsed = text;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { status: response.status, ok: response.ok, body: parsed };
    } catch (error) {
      return { status: 0, ok: false, body: String(error && error.message ? error.message : error) };
    }
  }

  /** The demo customer's token (development only): the storefront's sign-in, kept for this page alone. */
  async function demoCustomerToken() {
    if (!demoToken) {
      const answer = await call('POST', '/auth/token', { 'content-type': 'application/json' }, JSON.stringify({ customerId: DEMO_CUSTOMER_ID }));
      demoToken = answer.ok && answer.body && typeof answer.body.access_token === 'string' ? answer.body.access_token : null;
    }
    return demoToken;
  }

  /** The spans as the storefront's signed-in customer; without one (or refused), as the demo customer where there is a demo. */
  async function fetchSpans() {
    const path = '/traces/' + traceId + '/spans';
    const stored = storedToken();
    if (stored) {
      const answer = await call('GET', path, { authorization: 'Bearer ' + stored });
      if (answer.status !== 401 || !demoSignIn) return answer;
    }
    if (!demoSignIn) return call('GET', path, {});
    const token = await demoCustomerToken();
    return call('GET', path, token ? { authorization: 'Bearer ' + token } : {});
  }

  async function load() {
    const run = ++loading;
    $('refresh').disabled = true;
    $('problem').hidden = true;
    $('status').textContent = 'Loading the trace…';
    let answer = await fetchSpans();
    for (let retry = 0; answer.status === 404 && retry < NOT_YET_RETRIES && run === loading; retry++) {
      $('status').textContent = 'Not in Jaeger yet; asking again in a moment…';
      await new Promise((resolve) => setTimeout(resolve, NOT_YET_WAIT_MS));
      answer = await fetchSpans();
    }
    if (run !== loading) return;
    $('refresh').disabled = false;
    if (answer.ok) {
      $('status').textContent = '';
      render(answer.body);
    } else {
      $('status').textContent = '';
      showProblem(TraceView.describeAnswer(answer.status, answer.body));
    }
  }

  function showProblem(problem) {
    const lines = [el('strong', {}, problem.heading)];
    if (problem.detail) lines.push(el('p', {}, problem.detail));
    if (problem.signIn) lines.push(el('p', {}, 'Place an order on the ', el('a', { href: '/' }, 'storefront'), ' (it signs you in), then open its trace again.'));
    if (problem.retry) lines.push(el('p', {}, 'Press Refresh to ask again.'));
    $('problem').replaceChildren(...lines);
    $('problem').hidden = false;
  }

  function render(view) {
    const colors = TraceView.serviceColors(view.services);
    $('trace-duration').textContent = TraceView.formatDuration(view.durationUs);
    $('span-count').textContent = String(view.spans.length);
    const started = new Date(view.startTime);
    $('trace-start').textContent = Number.isNaN(started.getTime()) ? view.startTime : started.toLocaleString();
    $('summary').hidden = false;
    $('services').replaceChildren(
      ...view.services.map((service) => {
        const swatch = el('span', { className: 'swatch' });
        swatch.style.setProperty('--service', colors.get(service.name));
        const counts = service.spanCount + (service.errorCount > 0 ? ', ' + service.errorCount + ' failed' : '');
        return el('li', { className: service.errorCount > 0 ? 'failed' : '' }, swatch, service.name, el('span', { className: 'count' }, '(' + counts + ')'));
      }),
    );
    $('ruler').replaceChildren(el('span', {}, '0'), el('span', {}, TraceView.formatDuration(view.durationUs / 2)), el('span', {}, TraceView.formatDuration(view.durationUs)));
    $('spans').replaceChildren(...TraceView.spanRows(view.spans).map(({ span, depth }) => spanItem(span, depth, view.durationUs, colors.get(span.service))));
    $('waterfall').hidden = false;
  }

  function spanItem(span, depth, traceDurationUs, color) {
    const bar = TraceView.barOf(span, traceDurationUs);
    const barElement = el('span', { className: 'bar' });
    barElement.style.left = bar.left + '%';
    barElement.style.width = bar.width + '%';
    const duration = el('span', { className: 'duration' }, TraceView.formatDuration(span.durationUs));
    if (bar.labelAfter) duration.style.left = 'calc(' + (bar.left + bar.width) + '% + .3rem)';
    else duration.style.right = 'calc(' + (100 - bar.left) + '% + .3rem)';
    const label = el('span', { className: 'label' }, el('span', { className: 'service' }, span.service + ' · '), span.operation);
    if (span.error && span.errorMessage) label.append(el('span', { className: 'error-message' }, ' — ' + span.errorMessage));
    const row = el(
      'button',
      { type: 'button', className: 'span-row' + (span.error ? ' error' : ''), title: TraceView.rowLabel(span) + ' — ' + TraceView.formatDuration(span.durationUs) },
      el('span', { className: 'name' }, el('span', { className: 'swatch' }), label),
      el('span', { className: 'track' }, barElement, duration),
    );
    row.dataset.service = span.service;
    row.dataset.spanId = span.spanId;
    row.setAttribute('aria-expanded', 'false');
    const item = el('li', {}, row);
    for (const element of [row, item]) {
      element.style.setProperty('--depth', String(depth));
      element.style.setProperty('--service', color);
    }
    let details = null;
    row.addEventListener('click', () => {
      const open = row.getAttribute('aria-expanded') !== 'true';
      row.setAttribute('aria-expanded', String(open));
      if (!details) {
        details = spanDetails(span);
        details.id = 'span-' + span.spanId;
        row.setAttribute('aria-controls', details.id);
        item.append(details);
      }
      details.hidden = !open;
    });
    return item;
  }

  function spanDetails(span) {
    const table = (pairs) =>
      el('table', {}, el('tbody', {}, ...pairs.map(([key, value]) => el('tr', {}, el('th', { scope: 'row' }, key), el('td', {}, String(value))))));
    const parts = [];
    if (span.error) parts.push(el('p', { className: 'error-message' }, 'Error' + (span.errorMessage ? ': ' + span.errorMessage : '')));
    parts.push(
      table([
        ['span id', span.spanId],
        ['kind', span.kind || ''],
        ['starts at', TraceView.formatDuration(span.startUs)],
        ['duration', TraceView.formatDuration(span.durationUs)],
      ]),
    );
    parts.push(el('h3', {}, 'Attributes (' + span.attributes.length + ')'), table(span.attributes.map((attribute) => [attribute.key, attribute.value])));
    if (span.events.length > 0) {
      parts.push(el('h3', {}, 'Events (' + span.events.length + ')'));
      for (const event of span.events) {
        parts.push(el('p', {}, el('strong', {}, event.name), ' at +' + TraceView.formatDuration(event.offsetUs - span.startUs)), table(event.attributes.map((attribute) => [attribute.key, attribute.value])));
      }
    }
    return el('div', { className: 'details' }, ...parts);
  }

  if (traceId === null) {
    $('status').textContent = 'This is not a trace id.';
  } else {
    $('trace-id').textContent = traceId;
    document.title = 'Trace ' + traceId.slice(0, 8) + ' · event-shop';
    if (jaegerUiUrl) $('jaeger-link').replaceChildren(el('a', { href: jaegerUiUrl + '/trace/' + traceId, target: '_blank', rel: 'noopener noreferrer' }, 'Open in Jaeger'));
    $('refresh').addEventListener('click', load);
    load();
  }
}
