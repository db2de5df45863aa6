import { defineAppConfig } from '@shop/runtime';
import { z } from 'zod';

/** Email's own settings, validated at start-up with the service's (see main.ts). */
export const emailConfig = defineAppConfig(
  z.object({
    /** Where mail goes: smtp://[user:password@]host:port, or smtps:// for TLS from the first byte. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).default('smtp://127.0.0.1:1025'),
    /** The From of every e-mail; its domain also names the Message-IDs. */
    EMAIL_FROM: z
      .string()
      .default('Event Shop <orders@event-shop.test>')
      .pipe(z.string().regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'expected "Name <address>" or an address')),
  }),
);

export type EmailConfig = z.infer<typeof emailConfig.schema>;

/** The address part of EMAIL_FROM. */
export function fromAddress(from: string): string {
  return from.match(/<([^<>]+)>\s*$/)?.[1] ?? from.trim();
}
