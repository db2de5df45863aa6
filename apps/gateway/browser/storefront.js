// The storefront's script, served at /assets/storefront.js (the page allows
// scripts of its own origin only). Plain browser JavaScript, no framework, no
// build step. Its pure part, `Storefront`, runs in Node too
// (src/storefront/storefront-script.spec.ts); the DOM part runs only where
// there is a document. Everything that comes from data is set with
// textContent or as a property, never parsed as HTML. An order is followed
// live through GET /orders/:id/events, read by event-stream.js (loaded first).
'use strict';
/* global EventStream -- from /assets/event-stream.js, the page's first script */
const Storefront = (() => {
  const TRACE_ID = /^[0-9a-f]{32}$/;

  /** Cents as money, e.g. 1250 EUR → €12.50; a currency Intl does not know is shown by its code. */
  function formatMoney(cents, currency, locale) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
    } catch {
      return (cents / 100).toFixed(2) + ' ' + currency;
    }
  }

  /** The picked quantities as order items: blank or 0 is not picked; anything else goes to the gateway, which validates it. */
  function orderItems(quantities) {
    return quantities
      .filter(({ value }) => String(value).trim() !== '' && Number(value) !== 0)
      .map(({ sku, value }) => ({ sku, quantity: Number(value) }));
  }

  /** The POST /orders body from the form's fields (strings) and the picked items; an empty line2 is left out. The customer is the signed-in one. */
  function orderBody(fields, items) {
    const text = (name) => String(fields[name] ?? '').trim();
    const shippingAddress = { name: text('name'), line1: text('line1'), city: text('city'), postalCode: text('postalCode'), country: text('country').toUpperCase() };
    if (text('line2') !== '') shippingAddress.line2 = text('line2');
    return { email: text('email'), items, shippingAddress };
  }

  /** A fresh Idempotency-Key: a v4 UUID (getRandomValues where randomUUID is missing, outside a secure context). */
  function newIdempotencyKey(cryptoApi) {
    if (typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
    const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  /** The project's own view of a trace (it reads Jaeger's API: natively Jaeger has no UI), or null for anything that is not a trace id. */
  function traceViewUrl(traceId) {
    return TRACE_ID.test(String(traceId)) ? '/traces/' + traceId : null;
  }

  /** Where Jaeger shows a trace, or null for anything that is not an http(s) base and a trace id. */
  function jaegerTraceUrl(base, traceId, kind) {
    if (!/^https?:\/\/[^\s]+$/.test(String(base)) || !TRACE_ID.test(String(traceId))) return null;
    const root = String(base).replace(/\/+$/, '');
    return kind === 'json' ? root + '/api/traces/' + traceId : root + '/trace/' + traceId;
  }

  /**
   * An error answer as lines a person can read: the problem's title and status,
   * its detail, each bad field (an item's sku named beside its index), its trace.
   * Anything that is not a problem (a proxy's page, a network failure) still says what happened.
   */
  function describeProblem(status, body, items) {
    const problem = body !== null && typeof body === 'object' ? body : {};
    const title = typeof problem.title === 'string' ? problem.title : status === 0 ? 'The gateway could not be reached' : 'Request failed';
    const heading = status === 0 ? title : title + ' (' + status + ')';
    const detail = typeof problem.detail === 'string' ? problem.detail : typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 300) : '';
    const errors = Array.isArray(problem.errors)
      ? problem.errors.map((error) => fieldLabel(String(error && error.field), items) + ': ' + String(error && error.message))
      : [];
    const traceId = typeof problem.traceId === 'string' && TRACE_ID.test(problem.traceId) ? problem.traceId : null;
    return { heading, detail, errors, traceId };
  }

  function fieldLabel(field, items) {
    const match = /^items\.(\d+)(\.|$)/.exec(field);
    const item = match && Array.isArray(items) ? items[Number(match[1])] : undefined;
    return item && typeof item.sku === 'string' ? field + ' (' + item.sku + ')' : field;
  }

  /** The total of the picked quantities, or null when nothing is picked or currencies differ. */
  function orderTotal(products, items) {
    let cents = 0;
    let currency = null;
    for (const item of items) {
      const product = products.find((candidate) => candidate.sku === item.sku);
      if (!product || !Number.isInteger(item.quantity) || item.quantity < 1) continue;
      if (currency !== null && product.currency !== currency) return null;
      currency = product.currency;
      cents += product.priceCents * item.quantity;
    }
    return currency === null ? null : { cents, currency };
  }

  /** An order being followed: its status, its timeline's entries (by time, each event once), whether its stream ended. */
  function newFollow(orderId, status) {
    return { orderId, status: String(status), entries: [], ended: false };
  }

  function parseJson(text) {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }

  const byTime = (a, b) => (Date.parse(a.time) || 0) - (Date.parse(b.time) || 0);

  /**
   * The follow after one event of the order's stream: `status` and `end` set
   * the status (`end` ends the follow), `entry` adds a timeline entry unless
   * its eventId is shown already (a reconnection may send it again).
   * Anything else, or data that is not what the stream promises, changes nothing.
   */
  function applyStreamEvent(follow, event) {
    const data = parseJson(event.data);
    if (data === null || typeof data !== 'object') return follow;
    if ((event.type === 'status' || event.type === 'end') && typeof data.status === 'string') {
      return Object.assign({}, follow, { status: data.status, ended: follow.ended || event.type === 'end' });
    }
    if (event.type === 'entry' && typeof data.eventId === 'string' && !follow.entries.some((entry) => entry.eventId === data.eventId)) {
      const entry = { eventId: data.eventId, type: String(data.type), time: String(data.time), summary: typeof data.summary === 'string' ? data.summary : '' };
      // A stable sort: entries of the same instant keep the order they came in.
      return Object.assign({}, follow, { entries: follow.entries.concat([entry]).sort(byTime) });
    }
    return follow;
  }

  /** The summary of the follow's latest entry of an order event (`rejected`, `shipped`, …), without its "Order …:" lead; '' when none came yet. */
  function orderEventSummary(follow, name) {
    const entry = follow.entries.filter((candidate) => candidate.type === 'shop.order.' + name + '.v1').pop();
    return entry ? entry.summary.replace(/^Order [a-z]+:?\s*/i, '') : '';
  }

  /** What the order's status means, in words: where it stands and, for a final status, why. */
  function statusWording(follow) {
    const why = (name, otherwise) => orderEventSummary(follow, name) || otherwise;
    switch (follow.status) {
      case 'PENDING':
        return 'Pending — confirming stock…';
      case 'CONFIRMED':
        return 'Confirmed — stock reserved, preparing the shipment…';
      case 'SHIPPED':
        return 'Shipped — ' + why('shipped', 'on its way');
      case 'REJECTED':
        return 'Rejected — ' + why('rejected', 'the inventory could not fill it (the reason comes with its event)');
      case 'CANCELLED':
        return 'Cancelled — ' + why('cancelled', 'the stock goes back to the inventory');
      default:
        return follow.status;
    }
  }

  /** The line above the timeline: what is recorded so far, and whether more is coming. */
  function timelineWording(follow) {
    const count = follow.entries.length;
    if (count === 0) return follow.ended ? 'History recorded no event of this order.' : 'No event recorded yet: they appear here as history records them.';
    const events = count + ' event' + (count === 1 ? '' : 's');
    return follow.ended ? events + '; the order is settled.' : events + ' so far, live.';
  }

  return {
    formatMoney,
    orderItems,
    orderBody,
    newIdempotencyKey,
    traceViewUrl,
    jaegerTraceUrl,
    describeProblem,
    orderTotal,
    newFollow,
    applyStreamEvent,
    statusWording,
    timelineWording,
  };
})();

if (typeof document !== 'undefined') {
  // The demo sign-in's token is kept under this sessionStorage key (this tab
  // only, gone with it) so the project's other pages, such as the trace view
  // (/traces/<traceId>), call the API as the same customer without signing in.
  const TOKEN_KEY = 'event-shop.token';
  const $ = (id) => document.getElementById(id);
  const jaegerUiUrl = document.querySelector('meta[name="jaeger-ui-url"]').content;
  const locale = navigator.language;
  let products = [];
  let draftKey = null;
  // The follow in progress: aborting it closes its stream (a new order replaces it).
  let following = null;

  /** An element with text children (strings become text nodes, never HTML). */
  function el(tag, properties, ...children) {
    const element = document.createElement(tag);
    Object.assign(element, properties);
    for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return element;
  }

  /**
   * A link in a new tab. Same-origin pages open with an opener: only then
   * does the new tab get a copy of this tab's sessionStorage (the token).
   */
  function link(text, href, sameOrigin) {
    return el('a', { href, target: '_blank', rel: sameOrigin ? 'opener' : 'noopener noreferrer' }, text);
  }

  /** fetch, reading the answer as JSON when it is JSON; status 0 when the gateway could not be reached. */
  async function call(method, path, body, headers) {
    try {
      const response = await fetch(path, {
        method,
        headers: Object.assign(body === undefined ? {} : { 'content-type': 'application/json' }, headers || {}),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      const isJson = /json/.test(response.headers.get('content-type') || '');
      let parsed = text;
      if (isJson && text !== '') {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
      }
      return { status: response.status, ok: response.ok, body: parsed, traceId: response.headers.get('x-trace-id') };
    } catch (error) {
      return { status: 0, ok: false, body: String(error && error.message ? error.message : error), traceId: null };
    }
  }

  /**
   * The demo sign-in: a token for the customer id in the form, taken again when
   * the id changes or the token is about to expire (or was refused).
   */
  let session = null;
  async function signIn(renew) {
    const customerId = String(document.querySelector('input[name=customerId]').value).trim();
    if (!renew && session && session.customerId === customerId && Date.now() < session.renewAt) return { ok: true, token: session.token };
    const answer = await call('POST', '/auth/token', { customerId });
    if (!answer.ok) return answer;
    session = { customerId, token: answer.body.access_token, renewAt: Date.now() + (answer.body.expires_in - 60) * 1000 };
    try {
      sessionStorage.setItem(TOKEN_KEY, session.token);
    } catch {
      // Storage refused (a private mode's quota): this page still works, other pages sign in for themselves.
    }
    return { ok: true, token: session.token };
  }

  /** A call to the API as the signed-in customer; a failed sign-in is the answer. */
  async function api(method, path, body, headers) {
    for (const renew of [false, true]) {
      const signedIn = await signIn(renew);
      if (!signedIn.ok) return signedIn;
      const answer = await call(method, path, body, Object.assign({ authorization: 'Bearer ' + signedIn.token }, headers || {}));
      if (answer.status !== 401 || renew) return answer;
    }
  }

  function showProblem(container, answer, items) {
    const problem = Storefront.describeProblem(answer.status, answer.body, items);
    const traceId = problem.traceId || answer.traceId;
    container.replaceChildren(
      el('strong', {}, problem.heading),
      ...(problem.detail ? [el('p', {}, problem.detail)] : []),
      ...(problem.errors.length > 0 ? [el('ul', {}, ...problem.errors.map((line) => el('li', {}, line)))] : []),
      ...(traceId ? [traceLine(traceId)] : []),
    );
    container.hidden = false;
  }

  /** A trace: the project's own trace view, and Jaeger's UI only where the page names one (natively there is none). */
  function traceLine(traceId) {
    const line = el('p', { className: 'trace' }, 'Trace ', el('code', {}, traceId));
    const view = Storefront.traceViewUrl(traceId);
    if (view) line.append(' ', link('view the trace', view, true));
    const ui = Storefront.jaegerTraceUrl(jaegerUiUrl, traceId);
    const json = Storefront.jaegerTraceUrl(jaegerUiUrl, traceId, 'json');
    if (ui) line.append(' · ', link('open in Jaeger', ui, false), ' (', link('JSON', json, false), ')');
    return line;
  }

  async function loadProducts() {
    const status = $('products-status');
    const answer = await api('GET', '/products');
    if (!answer.ok) {
      status.textContent = 'The products could not be loaded.';
      showProblem($('products-problem'), answer);
      return;
    }
    $('products-problem').hidden = true;
    const previous = new Map(quantityInputs().map((input) => [input.dataset.sku, input.value]));
    products = answer.body && Array.isArray(answer.body.products) ? answer.body.products : [];
    status.textContent = products.length === 0 ? 'No products yet.' : '';
    $('products').hidden = products.length === 0;
    // Each cell names its column (data-label): at a phone's width the rows become cards and say it.
    const cell = (label, properties, ...children) => {
      const td = el('td', properties, ...children);
      td.dataset.label = label;
      return td;
    };
    $('product-rows').replaceChildren(
      ...products.map((product) => {
        const quantity = el('input', { type: 'number', inputMode: 'numeric', min: '0', max: String(product.stock), step: '1', value: previous.get(product.sku) || '0', disabled: product.stock === 0 });
        quantity.dataset.sku = product.sku;
        quantity.setAttribute('aria-label', 'Quantity of ' + product.name);
        return el(
          'tr',
          {},
          el('td', { className: 'product' }, product.name),
          cell('SKU', { className: 'sku' }, el('code', {}, product.sku)),
          cell('Price', { className: 'number' }, Storefront.formatMoney(product.priceCents, product.currency, locale)),
          cell('In stock', { className: 'number stock' }, product.stock === 0 ? 'sold out' : String(product.stock)),
          cell('Quantity', { className: 'quantity' }, quantity),
        );
      }),
    );
    updateTotal();
  }

  function quantityInputs() {
    return Array.from(document.querySelectorAll('#product-rows input'));
  }

  function pickedItems() {
    return Storefront.orderItems(quantityInputs().map((input) => ({ sku: input.dataset.sku, value: input.value })));
  }

  function updateTotal() {
    const total = Storefront.orderTotal(products, pickedItems());
    $('total').textContent = total ? 'Total: ' + Storefront.formatMoney(total.cents, total.currency, locale) : 'Pick a quantity of at least one product.';
  }

  async function placeOrder(event) {
    event.preventDefault();
    const button = $('place-order');
    const items = pickedItems();
    const fields = Object.fromEntries(new FormData($('order-form')).entries());
    // One key per order: a retry of the same order (after a 503, say) reuses it; any change makes a new order.
    draftKey = draftKey || Storefront.newIdempotencyKey(crypto);
    button.disabled = true;
    $('order-problem').hidden = true;
    const answer = await api('POST', '/orders', Storefront.orderBody(fields, items), { 'Idempotency-Key': draftKey });
    button.disabled = false;
    if (answer.status !== 202) {
      showProblem($('order-problem'), answer, items);
      return;
    }
    draftKey = null;
    follow(answer.body.orderId, answer.body.traceId || answer.traceId, answer.body.status);
  }

  /**
   * Follows the order through its stream (no polling): the status and each
   * timeline entry as the gateway tells them, until its `end`. The products'
   * stock is not reloaded by itself: Reload does it.
   */
  async function follow(orderId, traceId, status) {
    if (following) following.abort();
    const run = new AbortController();
    following = run;
    let order = Storefront.newFollow(orderId, status);
    $('tracking').hidden = false;
    $('order-id').textContent = orderId;
    $('order-trace').replaceChildren(...(traceId ? [traceLine(traceId)] : []));
    $('order-problem-tracking').hidden = true;
    $('connection-status').textContent = '';
    show(order);
    // Keyboard and screen-reader users land on the order they just placed; everyone sees it from its top.
    $('tracking-heading').focus({ preventScroll: true });
    $('tracking').scrollIntoView({ block: 'start' });
    const result = await EventStream.follow({
      url: '/orders/' + encodeURIComponent(orderId) + '/events',
      headers: async ({ renew }) => {
        const signedIn = await signIn(renew);
        return signedIn.ok ? { authorization: 'Bearer ' + signedIn.token } : {};
      },
      onEvent: (event) => {
        order = Storefront.applyStreamEvent(order, event);
        $('connection-status').textContent = '';
        show(order);
      },
      isLast: (event) => event.type === 'end',
      onWait: ({ waitMs }) => {
        $('connection-status').textContent = 'Connection lost; reconnecting in ' + Math.ceil(waitMs / 1000) + ' s…';
      },
      signal: run.signal,
    });
    if (run !== following) return;
    following = null;
    if (result.outcome === 'refused' || result.outcome === 'gave-up') {
      $('connection-status').textContent = 'Stopped following this order live.';
      showProblem($('order-problem-tracking'), { status: result.status, body: result.body, traceId: null });
    }
  }

  function show(order) {
    const badge = $('order-status');
    badge.textContent = order.status;
    badge.className = 'status ' + order.status.toLowerCase().replace(/[^a-z]/g, '');
    $('order-status-text').textContent = Storefront.statusWording(order);
    $('timeline-status').textContent = Storefront.timelineWording(order);
    $('timeline').replaceChildren(
      ...order.entries.map((entry) => {
        const time = new Date(entry.time);
        return el(
          'li',
          {},
          el('time', { dateTime: entry.time }, Number.isNaN(time.getTime()) ? entry.time : time.toLocaleTimeString(locale)),
          ' ',
          el('code', {}, entry.type),
          ...(entry.summary ? [' ', el('span', {}, entry.summary)] : []),
        );
      }),
    );
  }

  $('order-form').addEventListener('submit', placeOrder);
  $('order-form').addEventListener('input', () => {
    draftKey = null;
    updateTotal();
  });
  $('reload-products').addEventListener('click', loadProducts);
  loadProducts();
}
