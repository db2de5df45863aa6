import type { EmailTemplate, PricedLine } from '@shop/event-contracts';

/** An e-mail as rendered from a template: both bodies say the same thing. */
export interface EmailContent {
  template: EmailTemplate;
  subject: string;
  text: string;
  html: string;
}

/** What is known of an order's prices, from its confirmation; e-mails after it show the lines and total. */
export interface PricedOrder {
  lines: PricedLine[];
  currency: string;
  totalCents: number;
}
