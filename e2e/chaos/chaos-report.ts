import { type EmailTemplate, expectedNotifications, FINAL_STATUSES, type FinalOrder, type MailRecord, type SlackKind, type SlackRecord } from './chaos-census.js';
import type { ChaosObservations } from './chaos-run.js';
import type { ClientOrder } from './order-traffic.js';

/** The counts a chaos run is judged by. */
export interface ChaosCounts {
  placed: number;
  accepted: number;
  gaveUp: number;
  refused: number;
  retriedOrders: number;
  answersByStatus: Record<string, number>;
  cancelsAsked: number;
  finalByStatus: Record<string, number>;
  /** Accepted, never in a final state. */
  lost: string[];
  /** Orders of the run's customers that no client was answered with: a second order for one request. */
  duplicates: string[];
  /** An Idempotency-Key answered with two different orders. */
  keyAnsweredTwice: number;
  /** Accepted orders the customer's order list (history) does not show, and orders whose timeline lacks an event. */
  missingFromHistory: number;
  timelineGaps: number;
  emails: NotificationCounts<EmailTemplate>;
  slack: NotificationCounts<SlackKind>;
  stock: { sku: string; before: number; after: number; taken: number; shipped: number; conserved: boolean }[];
  deadLetters: ChaosObservations['deadLetters'];
}

interface NotificationCounts<Kind> {
  expected: number;
  received: number;
  missing: { orderId: string; kind: Kind }[];
  duplicates: { orderId: string; kind: Kind; times: number }[];
  /** Of the duplicates, those that are one message again: the same Message-ID (e-mail) or event id (Slack). */
  sameMessageAgain: number;
}

/** Per final order, the messages of each kind it must have caused against those received (with their id). */
function notificationCounts<Kind extends string>(
  orders: FinalOrder[],
  expectedOf: (order: FinalOrder) => Kind[],
  received: { orderId: string; kind: Kind; id: string }[],
): NotificationCounts<Kind> {
  const ids = new Map<string, string[]>();
  for (const { orderId, kind, id } of received) ids.set(`${orderId} ${kind}`, [...(ids.get(`${orderId} ${kind}`) ?? []), id]);
  const counts: NotificationCounts<Kind> = { expected: 0, received: received.length, missing: [], duplicates: [], sameMessageAgain: 0 };
  for (const order of orders) {
    for (const kind of expectedOf(order)) {
      counts.expected += 1;
      const sent = ids.get(`${order.orderId} ${kind}`) ?? [];
      if (sent.length === 0) counts.missing.push({ orderId: order.orderId, kind });
      if (sent.length > 1) {
        counts.duplicates.push({ orderId: order.orderId, kind, times: sent.length });
        if (new Set(sent).size === 1) counts.sameMessageAgain += 1;
      }
    }
  }
  return counts;
}

/** The e-mails and Slack messages the orders' final states call for, against those received. */
export function countNotifications(accepted: ClientOrder[], final: Map<string, FinalOrder>, mails: MailRecord[], slackMessages: SlackRecord[]) {
  // E-mails: each order has an address of its own; its number leads back to the order.
  const orderByN = new Map(accepted.map((order) => [order.n, order.orderId!]));
  const finals = [...final.values()];
  const emails = notificationCounts(
    finals,
    (order) => expectedNotifications(order).emails,
    mails.flatMap((mail) => {
      const orderId = orderByN.get(mail.orderN);
      return orderId && mail.template !== 'unknown' ? [{ orderId, kind: mail.template, id: mail.messageId }] : [];
    }),
  );
  const slack = notificationCounts(
    finals,
    (order) => expectedNotifications(order).slack,
    slackMessages.map((message) => ({ orderId: message.orderId, kind: message.kind, id: message.eventId })),
  );
  return { emails, slack };
}

export function countChaos(o: ChaosObservations): ChaosCounts {
  const accepted = o.orders.filter((order) => order.orderId);
  const answersByStatus: Record<string, number> = {};
  for (const order of o.orders) for (const status of order.attempts) answersByStatus[status === 0 ? 'no answer' : status] = (answersByStatus[status === 0 ? 'no answer' : status] ?? 0) + 1;

  const finalByStatus: Record<string, number> = {};
  const lost: string[] = [];
  for (const order of accepted) {
    const status = o.final.get(order.orderId!)?.status ?? 'UNKNOWN';
    finalByStatus[status] = (finalByStatus[status] ?? 0) + 1;
    if (!FINAL_STATUSES.includes(status)) lost.push(order.orderId!);
  }
  const acceptedIds = new Set(accepted.map((order) => order.orderId!));
  const listed = new Set([...o.customerOrders.values()].flat());
  const duplicates = [...listed].filter((id) => !acceptedIds.has(id));

  const { emails, slack } = countNotifications(accepted, o.final, o.emails, o.slack);

  const stock = o.products.map(({ sku }) => {
    const before = o.stockBefore[sku]!;
    const after = o.stockAfter[sku]!;
    const shipped = [...o.final.values()]
      .filter((order) => order.status === 'SHIPPED')
      .reduce((sum, order) => sum + (order.items.find((item) => item.sku === sku)?.quantity ?? 0), 0);
    return { sku, before, after, taken: before - after, shipped, conserved: before - after === shipped };
  });

  return {
    placed: o.orders.length,
    accepted: accepted.length,
    gaveUp: o.orders.filter((order) => order.gaveUp).length,
    refused: o.orders.filter((order) => order.refused).length,
    retriedOrders: o.orders.filter((order) => order.attempts.length > 1).length,
    answersByStatus,
    cancelsAsked: o.orders.filter((order) => order.cancel).length,
    finalByStatus,
    lost,
    duplicates,
    keyAnsweredTwice: o.orders.filter((order) => order.otherOrderIds?.length).length,
    missingFromHistory: accepted.filter((order) => !listed.has(order.orderId!)).length,
    timelineGaps: o.timelineGaps.length,
    emails,
    slack,
    stock,
    deadLetters: o.deadLetters,
  };
}

/**
 * What must hold after a chaos run: nothing lost or doubled, stock conserved,
 * every message sent, any duplicate e-mail or Slack message only the same
 * message of the same event again (the window between SMTP's or Slack's
 * acceptance and the commit, when the process dies in it), nothing
 * dead-lettered, every fault recovered from, and a fresh order shipped at the end.
 */
export function chaosProblems(o: ChaosObservations, counts: ChaosCounts): string[] {
  const problems: string[] = [];
  const say = (condition: boolean, problem: string) => condition || problems.push(problem);
  say(counts.accepted > 0, 'no order was accepted');
  say(counts.lost.length === 0, `${counts.lost.length} accepted orders never reached a final state: ${counts.lost.slice(0, 5).join(', ')}`);
  say(counts.duplicates.length === 0, `${counts.duplicates.length} orders nobody was answered with (duplicates): ${counts.duplicates.slice(0, 5).join(', ')}`);
  say(counts.keyAnsweredTwice === 0, `${counts.keyAnsweredTwice} Idempotency-Keys answered with two different orders`);
  say(counts.gaveUp === 0, `${counts.gaveUp} orders given up on by their clients (no 202 within ${o.options.patienceMs / 1000} s)`);
  say(counts.refused === 0, `${counts.refused} orders refused as the client's mistake`);
  say(counts.stock.every((s) => s.conserved), `stock not conserved: ${counts.stock.filter((s) => !s.conserved).map((s) => `${s.sku} took ${s.taken}, shipped ${s.shipped}`).join('; ')}`);
  say(counts.emails.missing.length === 0, `${counts.emails.missing.length} e-mails missing`);
  say(counts.emails.duplicates.length === counts.emails.sameMessageAgain, `${counts.emails.duplicates.length - counts.emails.sameMessageAgain} e-mails sent twice as different messages`);
  say(counts.slack.missing.length === 0, `${counts.slack.missing.length} Slack messages missing`);
  say(counts.slack.duplicates.length === counts.slack.sameMessageAgain, `${counts.slack.duplicates.length - counts.slack.sameMessageAgain} Slack messages sent twice for different events`);
  say(counts.missingFromHistory === 0 && counts.timelineGaps === 0, `history: ${counts.missingFromHistory} orders missing from customers' lists, ${counts.timelineGaps} timelines missing events`);
  say(counts.deadLetters.total === 0, `${counts.deadLetters.total} events dead-lettered: ${JSON.stringify(counts.deadLetters.byReason)}`);
  const unrecovered = o.faults.filter((fault) => fault.recoveredAfterMs === undefined);
  say(unrecovered.length === 0, `never seen healthy again after: ${unrecovered.map((fault) => fault.label).join(', ')} (unhealthy at the end: ${o.unhealthyAtEnd.join(', ') || 'none'})`);
  say(o.fresh.shippedAfterMs !== undefined, `the fresh order at the end: ${o.fresh.error}`);
  return problems;
}

const s = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);
const table = (header: string[], rows: (string | number)[][]) =>
  [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

/** The report as Markdown: the run, the faults and how long each took to recover from, the counts, the verdict. */
export function renderChaosReport(o: ChaosObservations, counts: ChaosCounts, problems: string[], command: string): string {
  const { options } = o;
  const t0 = Date.parse(o.startedAt);
  return `# Chaos run ${o.run}, ${o.startedAt.slice(0, 16).replace('T', ' ')} UTC

\`${command}\` against the ${o.target}. Machine: ${o.machine.cpus} cores, ${o.machine.memoryGiB} GiB, load average at the end ${o.machine.loadAverage.join(' / ')} (the shop, its infrastructure and this run share it).

**Verdict: ${problems.length === 0 ? 'nothing lost, nothing doubled, stock conserved, every message sent' : `FAILED: ${problems.join('; ')}`}.**

Orders: ${options.rate}/s for ${s(o.trafficMs)} from ${options.clients} clients, each retrying with the same Idempotency-Key on a 5xx, a 429 or no answer (after Retry-After, a jittered backoff up to 16 s; patience ${options.patienceMs / 1000} s); every ${options.cancelEvery}th order cancelled by its client once accepted; products of the run's own (two plentiful, one scarce, so some orders are rejected).

## Faults and recovery

One fault at a time, ${options.gapMs / 1000} s apart. Recovery: from the end of the fault (for a kill, the kill) until every app's \`/health\` answered 200 again.

${table(
  ['at', 'fault', 'lasted', 'recovered after', 'apps seen unhealthy'],
  o.faults.map((f) => [`${s(f.startedAt - t0)}`, f.label, s(f.endedAt - f.startedAt), s(f.recoveredAfterMs), f.unhealthy.join(', ') || '-']),
)}

Settled (every accepted order final, every message sent) ${s(o.settledAfterMs)} after the traffic stopped. A fresh order placed at the end: ${o.fresh.shippedAfterMs !== undefined ? `SHIPPED after ${s(o.fresh.shippedAfterMs)}` : o.fresh.error}.

## Counts

${table(
  ['what', 'count'],
  [
    ['orders placed by clients', counts.placed],
    ['accepted (202)', counts.accepted],
    ['needed more than one attempt', counts.retriedOrders],
    ['given up by their client', counts.gaveUp],
    ['answers by status', Object.entries(counts.answersByStatus).map(([status, n]) => `${status}: ${n}`).join(', ')],
    ['cancels asked', counts.cancelsAsked],
    ['final states', Object.entries(counts.finalByStatus).map(([status, n]) => `${status} ${n}`).join(', ')],
    ['**lost** (accepted, never final)', counts.lost.length],
    ['**duplicate orders**', counts.duplicates.length],
    ['an Idempotency-Key answered with another order', counts.keyAnsweredTwice],
    ['e-mails expected / received', `${counts.emails.expected} / ${counts.emails.received}`],
    ['**e-mails missing**', counts.emails.missing.length],
    ['e-mails twice (of which the same Message-ID)', `${counts.emails.duplicates.length} (${counts.emails.sameMessageAgain})`],
    ['Slack messages expected / received', `${counts.slack.expected} / ${counts.slack.received}`],
    ['**Slack messages missing**', counts.slack.missing.length],
    ['Slack messages twice (of which for one event)', `${counts.slack.duplicates.length} (${counts.slack.sameMessageAgain})`],
    ['history: orders missing / timelines missing an event', `${counts.missingFromHistory} / ${counts.timelineGaps}`],
    ['**dead letters**', `${counts.deadLetters.total}${counts.deadLetters.total ? ` ${JSON.stringify(counts.deadLetters.byReason)}` : ''}`],
  ],
)}

A message sent twice for one event comes from the window between the outside world's acceptance (SMTP's 250, Slack's 200) and the commit: when the process dies in it, the event is handled again and the message goes out again (at least once, never lost). An e-mail carries the event id as its Message-ID, so mail systems drop the copy; a Slack webhook has no such key. A commit that fails while the process lives (the database went away) does not repeat the send.

## Stock

Start − end must equal the quantities shipped: rejected orders took nothing, cancelled ones gave theirs back.

${table(
  ['sku', 'start', 'end', 'taken', 'shipped', 'conserved'],
  counts.stock.map((x) => [x.sku, x.before, x.after, x.taken, x.shipped, x.conserved ? 'yes' : '**no**']),
)}
`;
}

/** The same, as the table `./shop chaos` prints. */
export function renderChaosSummary(o: ChaosObservations, counts: ChaosCounts, problems: string[]): string {
  const lines = [
    `chaos run ${o.run}: ${counts.placed} orders placed, ${counts.accepted} accepted, final ${Object.entries(counts.finalByStatus).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
    'fault                                      lasted   recovered after',
    ...o.faults.map((f) => `${f.label.padEnd(42)} ${s(f.endedAt - f.startedAt).padEnd(8)} ${s(f.recoveredAfterMs)}`),
    '',
    `answers to POST /orders (every attempt): ${Object.entries(counts.answersByStatus).map(([status, n]) => `${status} ${n}`).join(', ')}`,
    `lost ${counts.lost.length} | duplicate orders ${counts.duplicates.length} | e-mails missing ${counts.emails.missing.length}, twice ${counts.emails.duplicates.length} (same Message-ID ${counts.emails.sameMessageAgain}) | Slack missing ${counts.slack.missing.length}, twice ${counts.slack.duplicates.length} (one event ${counts.slack.sameMessageAgain}) | dead letters ${counts.deadLetters.total}`,
    `stock ${counts.stock.every((x) => x.conserved) ? 'conserved' : 'NOT conserved'} | settled ${s(o.settledAfterMs)} after the traffic | fresh order ${o.fresh.shippedAfterMs !== undefined ? `SHIPPED in ${s(o.fresh.shippedAfterMs)}` : o.fresh.error}`,
    problems.length === 0 ? 'verdict: OK' : `verdict: FAILED\n  ${problems.join('\n  ')}`,
  ];
  return lines.join('\n');
}
