import type { NestApplicationOptions } from '@nestjs/common';

/**
 * How the gateway's Nest app is created, in main.ts and in the tests alike.
 * Nest's own body parser is off: it would read bodies before any middleware,
 * so its errors (a body that is not JSON, one too large) would be answered
 * outside the request's trace; JsonBodyMiddleware reads them instead.
 */
export const GATEWAY_APP_OPTIONS = { bodyParser: false } as const satisfies NestApplicationOptions;
