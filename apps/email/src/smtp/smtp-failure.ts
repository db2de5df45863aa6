import { DependencyUnavailableError, UnprocessableEventError } from '@shop/runtime';

/** What nodemailer puts on its errors: its own code, and the SMTP reply when there was one. */
interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
}

/**
 * Sorts a failed send into what the consumer must do with the event.
 *
 * - A 5xx reply to the envelope or the message (550 no such user, 553 bad
 *   address, 554 refused content): this e-mail can never go: unprocessable.
 * - Everything else says the server is away or busy, not that the event is
 *   wrong: no connection, a timeout, any 4xx, and also a refused login (a
 *   setting to fix, after which every e-mail goes): dependency unavailable.
 */
export function classifySmtpFailure(error: unknown): DependencyUnavailableError | UnprocessableEventError {
  const { code, responseCode, response } = (error ?? {}) as SmtpError;
  const reply = responseCode ? `${responseCode} ${response ?? ''}`.trim() : undefined;
  const permanent = responseCode !== undefined && responseCode >= 500 && (code === 'EENVELOPE' || code === 'EMESSAGE');
  if (permanent) return new UnprocessableEventError(`the SMTP server refused this e-mail: ${reply}`, { cause: error });
  const why = reply ?? (error instanceof Error ? error.message : String(error));
  return new DependencyUnavailableError(`SMTP unavailable (${code ?? 'no code'}): ${why}`, { cause: error });
}
