import { escapeHtml, type HtmlPage, htmlPage } from '../pages/html.js';

/** What the page needs of the gateway's settings. */
export interface TraceViewPageOptions {
  /** Jaeger's UI for the browser, or '' where there is none: the "open in Jaeger" link is shown only where there is one. */
  jaegerUiUrl: string;
  /** Whether POST /auth/token exists (development): without a token the page signs in as the demo customer. */
  demoSignIn: boolean;
}

/**
 * The trace view: one trace as a waterfall, a row per span indented under its
 * parent, colored by service, with its attributes and events a click (or
 * Enter) away. Its CSS inline, its script /assets/trace-view.js, which reads
 * the trace id from the path and the spans from /traces/<id>/spans.
 */
export function traceViewPage({ jaegerUiUrl, demoSignIn }: TraceViewPageOptions): HtmlPage {
  const body = `
<header>
  <p class="crumbs"><a href="/">Storefront</a> · <a href="/docs">API docs</a></p>
  <h1>Trace <code id="trace-id"></code></h1>
  <dl id="summary" class="summary" hidden>
    <div><dt>Duration</dt><dd id="trace-duration"></dd></div>
    <div><dt>Spans</dt><dd id="span-count"></dd></div>
    <div><dt>Started</dt><dd id="trace-start"></dd></div>
  </dl>
  <ul id="services" class="services" aria-label="Services"></ul>
  <p class="actions"><button type="button" id="refresh">Refresh</button> <span id="jaeger-link"></span></p>
</header>
<main>
  <p id="status" role="status">Loading the trace…</p>
  <div id="problem" class="problem" role="alert" hidden></div>
  <div id="waterfall" class="waterfall" hidden>
    <div class="ruler" aria-hidden="true"><span class="name-head">Service · operation</span><span class="bar-head" id="ruler"></span></div>
    <ol id="spans" class="spans"></ol>
  </div>
</main>`;
  return htmlPage({
    title: 'event-shop trace',
    head: [
      `<meta name="jaeger-ui-url" content="${escapeHtml(jaegerUiUrl)}">`,
      `<meta name="demo-sign-in" content="${demoSignIn ? 'on' : 'off'}">`,
    ].join('\n'),
    style: STYLE,
    scripts: ['trace-view.js'],
    body,
  });
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1d2430; --muted: #5b6473; --line: #d9dee6; --bg: #fff; --panel: #f6f8fa; --accent: #2463eb; --bad: #b42318; --bad-bg: #fdecea; }
@media (prefers-color-scheme: dark) { :root { --fg: #e4e8ee; --muted: #9aa4b2; --line: #343b46; --bg: #15191f; --panel: #1d232b; --accent: #6d9bff; --bad: #ff8a80; --bad-bg: #3a1d1d; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 80rem; padding: 1rem 1.5rem 4rem; font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
@media (max-width: 40rem) { body { padding: .5rem .5rem 3rem; font-size: 14px; } }
a { color: var(--accent); }
h1 { margin: .25rem 0; font-size: 1.4rem; overflow-wrap: anywhere; }
code { font: 13px/1.4 ui-monospace, monospace; }
.crumbs { margin: 0; color: var(--muted); font-size: .9rem; }
.summary { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: .25rem 0; }
.summary div { display: flex; gap: .4rem; }
.summary dt { color: var(--muted); }
.summary dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
.services { display: flex; flex-wrap: wrap; gap: .35rem; list-style: none; padding: 0; margin: .5rem 0; }
.services li { display: inline-flex; align-items: center; gap: .35rem; padding: .05rem .55rem; border: 1px solid var(--line); border-radius: 1rem; font-size: .85rem; }
.services li.failed { border-color: var(--bad); color: var(--bad); }
.swatch { display: inline-block; width: .7rem; height: .7rem; border-radius: 2px; background: var(--service); }
button { font: inherit; padding: .3rem .9rem; border: 0; border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; }
button:disabled { opacity: .6; cursor: progress; }
.problem { border-left: 4px solid var(--bad); padding: .5rem .75rem; background: var(--panel); margin: .75rem 0; }
.problem strong { color: var(--bad); }
.waterfall { border: 1px solid var(--line); border-radius: 8px; background: var(--panel); overflow: hidden; }
.ruler, .span-row { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: .5rem; align-items: center; }
.ruler { padding: .3rem .5rem; border-bottom: 1px solid var(--line); color: var(--muted); font-size: .8rem; }
.bar-head { display: flex; justify-content: space-between; font-variant-numeric: tabular-nums; }
/* An order's trace has hundreds of spans: the rows scroll under the header and the ruler. */
.spans { list-style: none; margin: 0; padding: 0; max-height: 70vh; overflow-y: auto; }
.spans > li { border-bottom: 1px solid var(--line); }
.spans > li:last-child { border-bottom: 0; }
.span-row { width: 100%; padding: .2rem .5rem; background: none; color: inherit; border-radius: 0; text-align: left; font-size: .85rem; cursor: pointer; }
.span-row:hover, .span-row:focus-visible { background: var(--bg); outline: 2px solid var(--accent); outline-offset: -2px; }
.span-row .name { display: flex; align-items: center; gap: .35rem; min-width: 0; padding-left: calc(var(--depth) * .9rem); }
.span-row .name .swatch { flex: none; }
.span-row .label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.span-row .service { color: var(--muted); }
.span-row .track { display: block; position: relative; height: 1.1rem; min-width: 0; }
.span-row .bar { position: absolute; top: .2rem; bottom: .2rem; min-width: 2px; border-radius: 2px; background: var(--service); }
.span-row .duration { position: absolute; top: 0; font-size: .75rem; color: var(--muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
.span-row.error .label { color: var(--bad); font-weight: 600; }
.span-row.error .bar { background: repeating-linear-gradient(135deg, var(--bad) 0 4px, var(--service) 4px 8px); }
.error-message { color: var(--bad); }
.details { padding: .4rem .75rem .75rem calc(.75rem + var(--depth) * .9rem); background: var(--bg); font-size: .85rem; overflow-wrap: anywhere; }
.details h3 { font-size: .85rem; margin: .5rem 0 .2rem; }
.details table { border-collapse: collapse; width: 100%; table-layout: fixed; }
.details th, .details td { text-align: left; vertical-align: top; padding: .1rem .4rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
.details th { width: 40%; font-weight: 500; color: var(--muted); }
.details .error-message { font-weight: 600; }
@media (max-width: 40rem) { .ruler, .span-row { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } .span-row .name { padding-left: calc(var(--depth) * .4rem); } }
`;
