import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EventEnvelope, Events } from '@shop/event-contracts';
import { Outbox, PerformedEffects, type SqlTransaction, type TransactionBatch } from '@shop/runtime';
import { type EmailConfig, emailConfig, fromAddress } from '../config/email-config.js';
import { SmtpMailer } from '../smtp/smtp-mailer.js';
import type { EmailContent } from '../templates/email-content.js';
import { SentEmailRepository } from './sent-email.repository.js';

/**
 * Sends the e-mail of one event at most once per event id, in the consumer's
 * transaction: the record, the send and the email.sent event commit together,
 * or the transaction rolls back and the event is tried again. The email.sent
 * events of the e-mails sent in one transaction are written together before
 * it commits. A send whose commit then failed (the database went away) is not
 * repeated by the retry in this process; were the process to die between the
 * SMTP server's 250 and the commit, the resend carries the same Message-ID,
 * which lets mail systems drop it.
 */
@Injectable()
export class EmailSender {
  private readonly logger = new Logger(EmailSender.name);
  private readonly messageIdDomain: string;

  constructor(
    @Inject(emailConfig.token) private readonly config: EmailConfig,
    private readonly mailer: SmtpMailer,
    private readonly sentEmails: SentEmailRepository,
    private readonly outbox: Outbox,
    private readonly performed: PerformedEffects,
  ) {
    this.messageIdDomain = fromAddress(config.EMAIL_FROM).split('@')[1]!;
  }

  async sendOnce(
    { tx, batch }: { tx: SqlTransaction; batch: TransactionBatch },
    envelope: EventEnvelope<{ orderId: string }>,
    recipient: string,
    email: EmailContent,
  ): Promise<void> {
    const { orderId } = envelope.data;
    const messageId = `${envelope.id}@${this.messageIdDomain}`;
    const record = { eventId: envelope.id, orderId, recipient, template: email.template, subject: email.subject, messageId };
    if (!(await this.sentEmails.claim(tx, record))) {
      this.logger.log({ msg: 'e-mail already sent for this event: not again', eventId: envelope.id, orderId });
      return;
    }
    await this.performed.once(envelope.id, () =>
      this.mailer.send({
        from: this.config.EMAIL_FROM,
        to: recipient,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId,
        headers: { 'X-Shop-Order-Id': orderId, 'X-Shop-Event-Id': envelope.id, 'X-Shop-Event-Type': envelope.type },
      }),
    );
    await this.outbox.publishAtCommit(
      batch,
      tx,
      Events.emailSentV1,
      { orderId, eventId: envelope.id, eventType: envelope.type, template: email.template, recipient, messageId },
      { causedBy: envelope },
    );
    this.logger.log({ msg: 'e-mail sent', template: email.template, orderId, messageId });
  }
}
