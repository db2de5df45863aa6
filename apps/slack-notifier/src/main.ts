import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { SlackNotifierModule } from './slack-notifier.module.js';

await runService(SlackNotifierModule);
