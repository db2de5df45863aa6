import { Module } from '@nestjs/common';
import { DatabaseModule, MessagingModule, RuntimeModule } from '@shop/runtime';
import { slackNotifierConfig } from './config/slack-notifier-config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { SLACK_HANDLERS } from './handlers/slack.handlers.js';
import { SlackNotificationRepository } from './notifying/slack-notification.repository.js';
import { SlackNotifier } from './notifying/slack-notifier.js';
import { SLACK_BREAKER, SlackWebhookClient } from './webhook/slack-webhook-client.js';

/** Tells the shop's Slack channel about confirmed orders and failures, behind a breaker that pauses consumption. */
@Module({
  imports: [
    RuntimeModule,
    DatabaseModule.forRoot(PrismaClient),
    MessagingModule.forRoot({ handlers: SLACK_HANDLERS, pauseWhileBreakersOpen: [SLACK_BREAKER], gatherEvents: true }),
  ],
  providers: [
    slackNotifierConfig.provider,
    SlackWebhookClient,
    SlackNotificationRepository,
    SlackNotifier,
    ...SLACK_HANDLERS,
  ],
})
export class SlackNotifierModule {}
