import { type EmailTemplate, formatMoney, type OrderItem } from '@shop/event-contracts';
import type { EmailContent, PricedOrder } from './email-content.js';
import { html, type SafeHtml } from './html.js';

export function shortOrderId(orderId: string): string {
  return orderId.slice(0, 8).toUpperCase();
}

/** The parts every e-mail has; `paragraphs` and `table` appear in both bodies, in that order. */
export interface EmailParts {
  template: EmailTemplate;
  subject: string;
  heading: string;
  paragraphs: string[];
  table?: { text: string; html: SafeHtml };
}

/** Puts the parts into a plain-text body and a simple, inline-styled HTML body. */
export function layout(parts: EmailParts): EmailContent {
  const text = [parts.heading, '', ...parts.paragraphs.flatMap((p) => [p, '']), parts.table?.text ?? '', '— Event Shop']
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
  const body = html`<!doctype html>
<html><body style="font-family:system-ui,sans-serif;color:#222;max-width:600px">
<h1 style="font-size:20px">${parts.heading}</h1>
${parts.paragraphs.map((p) => html`<p>${p}</p>\n`)}${parts.table?.html}
<p style="color:#777">— Event Shop</p>
</body></html>
`;
  return { template: parts.template, subject: parts.subject, text, html: body.value };
}

/** The priced lines and the total, as a text table and an HTML table. */
export function pricedTable(order: PricedOrder): { text: string; html: SafeHtml } {
  const { lines, currency, totalCents } = order;
  const text = [
    ...lines.map((l) => `${l.quantity} × ${l.name} (${l.sku}) @ ${formatMoney(l.unitPriceCents, currency)} = ${formatMoney(l.quantity * l.unitPriceCents, currency)}`),
    `Total: ${formatMoney(totalCents, currency)}`,
  ].join('\n');
  const rows = lines.map(
    (l) => html`<tr><td>${l.quantity} ×</td><td>${l.name}<br><small>${l.sku}</small></td><td align="right">${formatMoney(l.unitPriceCents, currency)}</td><td align="right">${formatMoney(l.quantity * l.unitPriceCents, currency)}</td></tr>\n`,
  );
  return {
    text,
    html: html`<table cellpadding="4" style="border-collapse:collapse">
${rows}<tr><td colspan="3"><b>Total</b></td><td align="right"><b>${formatMoney(totalCents, currency)}</b></td></tr>
</table>`,
  };
}

/** The ordered items before pricing: skus and quantities. */
export function itemsTable(items: readonly OrderItem[]): { text: string; html: SafeHtml } {
  return {
    text: items.map((item) => `${item.quantity} × ${item.sku}`).join('\n'),
    html: html`<ul>${items.map((item) => html`<li>${item.quantity} × ${item.sku}</li>`)}</ul>`,
  };
}
