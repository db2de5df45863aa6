/** The subset of Block Kit the notifier posts (https://api.slack.com/reference/block-kit/blocks). */
export type TextObject = { type: 'mrkdwn' | 'plain_text'; text: string };

export type Block =
  | { type: 'header'; text: { type: 'plain_text'; text: string } }
  | { type: 'section'; text?: TextObject; fields?: TextObject[] }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'divider' };

/** `text` is the notification's fallback; `blocks` are what Slack shows. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

// Slack's limits: section text 3000 characters, header 150, a field 2000.
const LIMITS = { section: 3_000, header: 150, field: 2_000 };

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text: clip(text, LIMITS.header) } });

export const section = (mrkdwn: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn, LIMITS.section) } });

export const fields = (pairs: Record<string, string>): Block => ({
  type: 'section',
  fields: Object.entries(pairs).map(([label, value]) => ({ type: 'mrkdwn', text: clip(`*${label}*\n${value}`, LIMITS.field) })),
});

export const context = (mrkdwn: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(mrkdwn, LIMITS.section) }] });

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
