import { escapeHtml, type HtmlPage, htmlPage } from '../pages/html.js';

/** A valid demo address in a country the shipping service delivers to by default (GB). */
export const DEMO_CUSTOMER = {
  customerId: 'ada',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  line1: '12 St James’s Square',
  line2: '',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
} as const;

/**
 * The storefront: lists the products, places an order, follows it live (the
 * order's server-sent events) to a final status with its timeline and trace.
 * One page, its CSS inline, its scripts /assets/event-stream.js and
 * /assets/storefront.js; it calls the gateway's own API only. Trace links go
 * to the gateway's trace view; `jaegerUiUrl`, when not empty, adds links to Jaeger's UI.
 * It works at a phone's width (the products become cards) and from the keyboard alone.
 */
export function storefrontPage(jaegerUiUrl: string): HtmlPage {
  const field = (name: keyof typeof DEMO_CUSTOMER, label: string, attributes = '') =>
    `<label>${escapeHtml(label)} <input name="${name}" value="${escapeHtml(DEMO_CUSTOMER[name])}" ${attributes}></label>`;
  const body = `
<header>
  <h1>event-shop</h1>
  <p>A demo storefront on the gateway’s API. <a href="/docs">API docs</a> · <a href="/openapi.json">OpenAPI</a></p>
</header>
<main>
  <form id="order-form" novalidate>
    <section>
      <h2>Products <button type="button" id="reload-products" class="secondary">Reload</button></h2>
      <p id="products-status" role="status">Loading the products…</p>
      <div id="products-problem" class="problem" role="alert" hidden></div>
      <table id="products" hidden>
        <thead><tr><th>Product</th><th>SKU</th><th class="number">Price</th><th class="number">In stock</th><th>Quantity</th></tr></thead>
        <tbody id="product-rows"></tbody>
      </table>
      <p id="total" class="total"></p>
    </section>
    <section class="columns">
      <fieldset>
        <legend>Customer</legend>
        ${field('customerId', 'Customer id', 'autocomplete="username" maxlength="128"')}
        ${field('email', 'E-mail', 'type="email" autocomplete="email" maxlength="254"')}
      </fieldset>
      <fieldset>
        <legend>Shipping address</legend>
        ${field('name', 'Name', 'autocomplete="name" maxlength="200"')}
        ${field('line1', 'Address line 1', 'autocomplete="address-line1" maxlength="200"')}
        ${field('line2', 'Address line 2 (optional)', 'autocomplete="address-line2" maxlength="200"')}
        ${field('city', 'City', 'autocomplete="address-level2" maxlength="100"')}
        ${field('postalCode', 'Postal code', 'autocomplete="postal-code" maxlength="20"')}
        ${field('country', 'Country (ISO code, e.g. GB)', 'autocomplete="country" maxlength="2"')}
      </fieldset>
    </section>
    <p><button type="submit" id="place-order">Place order</button></p>
    <div id="order-problem" class="problem" role="alert" hidden></div>
  </form>
  <section id="tracking" hidden>
    <h2 id="tracking-heading" tabindex="-1">Order <code id="order-id"></code> <span id="order-status" class="status"></span></h2>
    <p id="order-status-text" class="status-text" role="status"></p>
    <div id="order-trace"></div>
    <p id="connection-status" class="connection" role="status"></p>
    <div id="order-problem-tracking" class="problem" role="alert" hidden></div>
    <h3>Timeline</h3>
    <p id="timeline-status"></p>
    <ol id="timeline"></ol>
  </section>
</main>`;
  return htmlPage({
    title: 'event-shop storefront',
    head: `<meta name="jaeger-ui-url" content="${escapeHtml(jaegerUiUrl)}">`,
    style: STYLE,
    scripts: ['event-stream.js', 'storefront.js'],
    body,
  });
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1d2430; --muted: #5b6473; --line: #d9dee6; --bg: #fff; --panel: #f6f8fa; --accent: #2463eb; --bad: #b42318; --good: #2f7d4f; }
@media (prefers-color-scheme: dark) { :root { --fg: #e4e8ee; --muted: #9aa4b2; --line: #343b46; --bg: #15191f; --panel: #1d232b; --accent: #6d9bff; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 4rem; font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header h1 { margin-bottom: 0; }
header p { margin-top: .25rem; color: var(--muted); }
a { color: var(--accent); }
section { border: 1px solid var(--line); border-radius: 8px; padding: .5rem 1rem 1rem; margin: 1rem 0; background: var(--panel); }
section.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
@media (max-width: 40rem) { section.columns { grid-template-columns: 1fr; } }
fieldset { border: 0; padding: 0; margin: 0; }
legend { font-weight: 600; margin-bottom: .25rem; }
label { display: block; margin: .35rem 0; font-size: .9rem; color: var(--muted); }
label input { display: block; width: 100%; margin-top: .15rem; }
input { font: inherit; padding: .3rem .45rem; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
td input { width: 5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
.number { text-align: right; font-variant-numeric: tabular-nums; }
button { font: inherit; padding: .45rem 1rem; border: 0; border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; }
button:disabled { opacity: .6; cursor: progress; }
button.secondary { padding: .1rem .6rem; font-size: .8rem; background: var(--muted); vertical-align: middle; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
#tracking-heading:focus { outline: none; }
#tracking-heading:focus-visible { outline: 3px solid var(--accent); }
.total { font-weight: 600; }
.problem { border-left: 4px solid var(--bad); padding: .5rem .75rem; background: var(--bg); margin: .75rem 0; }
.problem strong { color: var(--bad); }
.problem ul { margin: .25rem 0; }
code { font: 13px/1.4 ui-monospace, monospace; overflow-wrap: anywhere; }
.status { display: inline-block; padding: 0 .5rem; border-radius: 1rem; font-size: .85rem; color: #fff; background: var(--muted); vertical-align: middle; }
.status.confirmed { background: var(--accent); } .status.shipped { background: var(--good); } .status.rejected, .status.cancelled { background: var(--bad); }
.trace, .connection { color: var(--muted); }
.status-text { font-weight: 600; }
#timeline { padding-left: 1.5rem; }
#timeline li { margin: .2rem 0; overflow-wrap: anywhere; }
#timeline time { color: var(--muted); font-variant-numeric: tabular-nums; }
/* A phone's width: each product a card whose cells name their column (data-label), nothing wider than the screen, touch-sized controls. */
@media (max-width: 40rem) {
  body { padding: .5rem .75rem 3rem; }
  section { padding: .5rem .75rem .75rem; }
  #products thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  #products, #products tbody, #products td { display: block; }
  #products tr { display: grid; grid-template-columns: 1fr 1fr; gap: .25rem .75rem; padding: .6rem 0; border-bottom: 1px solid var(--line); }
  #products td { border: 0; padding: 0; text-align: left; }
  #products td.product { grid-column: 1 / -1; font-weight: 600; }
  #products td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85rem; }
  #products td.quantity { grid-column: 1 / -1; display: flex; align-items: center; gap: .5rem; }
  #products td.quantity::before { content: attr(data-label); }
  td input { width: 6rem; }
  input, button { min-height: 2.75rem; font-size: 1rem; }
  button.secondary { min-height: 2.25rem; padding: .25rem .75rem; }
  #place-order { width: 100%; }
}
`;
