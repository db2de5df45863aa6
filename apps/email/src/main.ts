import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { emailConfig } from './config/email-config.js';
import { EmailModule } from './email.module.js';

await runService(EmailModule, { config: emailConfig });
