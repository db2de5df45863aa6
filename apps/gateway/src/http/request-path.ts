import type { IncomingMessage } from 'node:http';

/** The path a client asked for, as sent (no query string, not percent-decoded). */
export function requestPath(request: IncomingMessage & { originalUrl?: string }): string {
  return (request.originalUrl ?? request.url ?? '/').split('?')[0]!;
}
