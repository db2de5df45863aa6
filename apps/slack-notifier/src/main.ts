import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { slackNotifierConfig } from './config/slack-notifier-config.js';
import { SlackNotifierModule } from './slack-notifier.module.js';

await runService(SlackNotifierModule, { config: slackNotifierConfig });
