import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import { type Breaker, BreakerRegistry, isUnprocessableEvent, UnprocessableEventError, withSpan } from '@shop/runtime';
import nodemailer, { type Transporter } from 'nodemailer';
import type StreamTransport from 'nodemailer/lib/stream-transport';
import { type EmailConfig, emailConfig } from '../config/email-config.js';
import { classifySmtpFailure } from './smtp-failure.js';
import { whyUndeliverable } from './undeliverable-address.js';

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets: `<id>@<domain>`. */
  messageId: string;
  headers: Record<string, string>;
}

/** The breaker around the SMTP server; the consumer pauses while it is open. */
export const SMTP_BREAKER = 'smtp';

// A dead server must fail the call well inside the breaker's 5 s, not after nodemailer's minutes.
const SMTP_TIMEOUTS = { connectionTimeout: 2_000, greetingTimeout: 2_000, socketTimeout: 4_000 };

/**
 * Sends one e-mail over SMTP behind a breaker. Failures come out sorted for
 * the consumer: UnprocessableEventError (this e-mail can never go; does not
 * trip the breaker) or DependencyUnavailableError (the server is away; does),
 * besides the breaker's own refusals and timeouts, which the consumer reads alike.
 */
@Injectable()
export class SmtpMailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly composer: Transporter<StreamTransport.SentMessageInfo>;
  private readonly breaker: Breaker<[OutgoingEmail], void>;
  private readonly server: URL;

  constructor(@Inject(emailConfig.token) config: EmailConfig, breakers: BreakerRegistry) {
    this.server = new URL(config.SMTP_URL);
    // A pooled connection: a new one per e-mail (connect, greeting, EHLO, QUIT) was the e-mail
    // service's largest cost per order. One that went stale (the server restarted) fails its send,
    // which the consumer retries like any outage; the pool then opens a fresh one.
    this.transport = nodemailer.createTransport({ url: config.SMTP_URL, pool: true, maxConnections: 2, ...SMTP_TIMEOUTS });
    // Each e-mail is built whole before it is sent: nodemailer streams a message it builds to the
    // socket part by part, one write each (ten for ours), where a built one leaves in one.
    this.composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
    this.breaker = breakers.create(SMTP_BREAKER, (email: OutgoingEmail) => this.deliver(email), {
      isFailure: (error) => !isUnprocessableEvent(error),
    });
  }

  async send(email: OutgoingEmail): Promise<void> {
    const undeliverable = whyUndeliverable(email.to);
    if (undeliverable) throw new UnprocessableEventError(`cannot e-mail ${email.to}: ${undeliverable}`);
    return this.breaker.fire(email);
  }

  private deliver(email: OutgoingEmail): Promise<void> {
    const attributes = {
      'server.address': this.server.hostname,
      'server.port': Number(this.server.port || 25),
      'email.message_id': email.messageId,
    };
    return withSpan('smtp send', { kind: SpanKind.CLIENT, attributes }, async () => {
      const { envelope, message } = await this.compose(email);
      try {
        await this.transport.sendMail({ envelope, raw: message });
      } catch (error) {
        throw classifySmtpFailure(error);
      }
    });
  }

  /** The message as it goes on the wire, and its envelope. */
  private async compose(email: OutgoingEmail): Promise<{ envelope: StreamTransport.SentMessageInfo['envelope']; message: Buffer }> {
    try {
      const { envelope, message } = await this.composer.sendMail({ ...email, messageId: `<${email.messageId}>` });
      return { envelope, message: message as Buffer };
    } catch (error) {
      throw new UnprocessableEventError(`cannot build the e-mail to ${email.to}: ${(error as Error).message}`, { cause: error });
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
