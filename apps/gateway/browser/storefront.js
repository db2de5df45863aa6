// The storefront's script, served at /assets/storefront.js (the page allows
// scripts of its own origin only). Plain browser JavaScript, no framework, no
// build step. Its pure part, `Storefront`, runs in Node too
// (src/storefront/storefront-script.spec.ts); the DOM part runs only where
// there is a document. Everything that comes from data is set with
// textContent or as a property, never parsed as HTML.
'use strict';
const Storefront = (() => {
  const FINAL_STATUSES = ['SHIPPED', 'REJECTED', 'CANCELLED'];
  const TRACE_ID = /^[0-9a-f]{32}$/;

  /** Whether an order is done moving: its saga ended. */
  function isFinalStatus(status) {
    return FINAL_STATUSES.includes(status);
  }

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

  /** The timeline's entries as rows: time, event type, and its summary (or nothing). */
  function timelineRows(timeline) {
    const entries = timeline && Array.isArray(timeline.entries) ? timeline.entries : [];
    return entries.map((entry) => ({ time: String(entry.time), type: String(entry.type), summary: typeof entry.summary === 'string' ? entry.summary : '' }));
  }

  return { isFinalStatus, formatMoney, orderItems, orderBody, newIdempotencyKey, jaegerTraceUrl, describeProblem, orderTotal, timelineRows };
})();

if (typeof document !== 'undefined') {
  const POLL_MS = 700;
  const FOLLOW_FOR_MS = 120000;
  const TIMELINE_SETTLE_POLLS = 8;
  const $ = (id) => document.getElementById(id);
  const jaegerUiUrl = document.querySelector('meta[name="jaeger-ui-url"]').content;
  const locale = navigator.language;
  let products = [];
  let draftKey = null;
  let following = 0;

  /** An element with text children (strings become text nodes, never HTML). */
  function el(tag, properties, ...children) {
    const element = document.createElement(tag);
    Object.assign(element, properties);
    for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return element;
  }

  function link(text, href) {
    return el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text);
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

  function traceLine(traceId) {
    const line = el('p', { className: 'trace' }, 'Trace ', el('code', {}, traceId));
    const ui = Storefront.jaegerTraceUrl(jaegerUiUrl, traceId);
    const json = Storefront.jaegerTraceUrl(jaegerUiUrl, traceId, 'json');
    if (ui) line.append(' ', link('open in Jaeger', ui), ' (', link('JSON', json), ')');
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
    $('product-rows').replaceChildren(
      ...products.map((product) => {
        const quantity = el('input', { type: 'number', min: '0', max: String(product.stock), step: '1', value: previous.get(product.sku) || '0', disabled: product.stock === 0 });
        quantity.dataset.sku = product.sku;
        quantity.setAttribute('aria-label', 'Quantity of ' + product.name);
        return el(
          'tr',
          {},
          el('td', {}, product.name),
          el('td', {}, el('code', {}, product.sku)),
          el('td', { className: 'number' }, Storefront.formatMoney(product.priceCents, product.currency, locale)),
          el('td', { className: 'number' }, product.stock === 0 ? 'sold out' : String(product.stock)),
          el('td', {}, quantity),
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

  async function follow(orderId, traceId, status) {
    const run = ++following;
    $('tracking').hidden = false;
    $('order-id').textContent = orderId;
    $('order-trace').replaceChildren(traceLine(traceId));
    $('order-details').replaceChildren();
    $('order-problem-tracking').hidden = true;
    showStatus(status);
    $('timeline').replaceChildren();
    $('timeline-status').textContent = 'Waiting for the first event…';
    $('tracking').scrollIntoView({ behavior: 'smooth', block: 'start' });
    const started = Date.now();
    let settlePolls = 0;
    while (run === following) {
      const order = await api('GET', '/orders/' + encodeURIComponent(orderId));
      if (run !== following) return;
      if (order.ok) {
        status = order.body.status;
        showStatus(status);
        showDetails(order.body);
      } else {
        showProblem($('order-problem-tracking'), order);
      }
      await refreshTimeline(orderId, run);
      if (Storefront.isFinalStatus(status)) {
        // History records the last events a moment after the order service: poll its timeline a little longer.
        if (++settlePolls > TIMELINE_SETTLE_POLLS) break;
      } else if (Date.now() - started > FOLLOW_FOR_MS) {
        $('timeline-status').textContent = 'Still ' + status + ' after two minutes; stopped following. Reload the order with GET /orders/' + orderId + '.';
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    if (run === following) loadProducts();
  }

  function showStatus(status) {
    const badge = $('order-status');
    badge.textContent = String(status);
    badge.className = 'status ' + String(status).toLowerCase().replace(/[^a-z]/g, '');
  }

  function showDetails(order) {
    const lines = [];
    if (order.pricing) lines.push(el('p', {}, 'Total ', Storefront.formatMoney(order.pricing.totalCents, order.pricing.currency, locale)));
    if (order.statusReason) lines.push(el('p', {}, 'Reason: ', order.statusReason));
    if (order.shipment) {
      const tracking = el('p', {}, 'Shipped with ', order.shipment.carrier, ', tracking number ', el('code', {}, order.shipment.trackingNumber));
      if (typeof order.shipment.trackingUrl === 'string' && /^https?:\/\//.test(order.shipment.trackingUrl)) tracking.append(' ', link('track the parcel', order.shipment.trackingUrl));
      lines.push(tracking);
    }
    $('order-details').replaceChildren(...lines);
  }

  async function refreshTimeline(orderId, run) {
    const answer = await api('GET', '/orders/' + encodeURIComponent(orderId) + '/timeline');
    if (run !== following) return;
    if (answer.status === 404) return;
    if (!answer.ok) {
      $('timeline-status').textContent = 'The timeline is not available right now (' + answer.status + ').';
      return;
    }
    const rows = Storefront.timelineRows(answer.body);
    $('timeline-status').textContent = rows.length + ' event' + (rows.length === 1 ? '' : 's') + ' recorded by history.';
    $('timeline').replaceChildren(
      ...rows.map((row) => {
        const time = new Date(row.time);
        return el(
          'li',
          {},
          el('time', { dateTime: row.time }, Number.isNaN(time.getTime()) ? row.time : time.toLocaleTimeString(locale)),
          ' ',
          el('code', {}, row.type),
          ...(row.summary ? [' ', el('span', {}, row.summary)] : []),
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
