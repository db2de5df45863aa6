import { Module } from '@nestjs/common';
import { DatabaseModule, MessagingModule, RuntimeModule } from '@shop/runtime';
import { emailConfig } from './config/email-config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { ORDER_EMAIL_HANDLERS } from './handlers/order-email.handlers.js';
import { PricedOrderRepository } from './orders/priced-order.repository.js';
import { EmailSender } from './sending/email-sender.js';
import { SentEmailRepository } from './sending/sent-email.repository.js';
import { SMTP_BREAKER, SmtpMailer } from './smtp/smtp-mailer.js';

/** E-mails the customer about every step of an order, over SMTP behind a breaker that pauses consumption. */
@Module({
  imports: [
    RuntimeModule,
    DatabaseModule.forRoot(PrismaClient),
    // Each e-mail carries its event's id as its Message-ID: e-mails may share a transaction (ADR 10).
    MessagingModule.forRoot({
      handlers: ORDER_EMAIL_HANDLERS,
      pauseWhileBreakersOpen: [SMTP_BREAKER],
      gatherEvents: true,
      effectsKeyedByEventId: true,
    }),
  ],
  providers: [
    emailConfig.provider,
    SmtpMailer,
    SentEmailRepository,
    PricedOrderRepository,
    EmailSender,
    ...ORDER_EMAIL_HANDLERS,
  ],
})
export class EmailModule {}
