import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { EmailModule } from './email.module.js';

await runService(EmailModule);
