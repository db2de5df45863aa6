import { defineAppConfig, leftUnsetByDeployments, topicNamespaceSchema } from '@shop/runtime';
import { z } from 'zod';
import { DEFAULT_BODY_LIMIT_BYTES } from '../http/json-body.middleware.js';
import { DEMO_OPERATOR_KEY_SHA256, DEMO_SIGNING_SECRET } from '../auth/demo-credentials.js';

/** The environment in which the demo's credentials and sign-in exist; anywhere else they are refused at start-up. */
export const DEVELOPMENT = 'development';

/** Why the development deployments (./shop up, compose) leave the keys unset. */
const DEMO_ONLY = 'unset in development, where the public demo value is the default; any other environment must set its own (refused otherwise)';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of a key, 64 lower-case hex digits');
/** An http(s) URL, kept without its trailing slashes (paths are appended to it). */
const httpBase = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));
const perWindow = z.coerce.number().int().min(1).max(1_000_000);

/** The gateway's own settings, validated at start-up with the service's (see main.ts). */
export const gatewayConfig = defineAppConfig(
  z
    .object({
      /** How long a call to another service may take before the client gets a 503. */
      GATEWAY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3_000),
      /** The largest request body the gateway reads; a larger one gets a 413 (1 KiB..16 MiB). */
      GATEWAY_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(DEFAULT_BODY_LIMIT_BYTES),
      /**
       * `on`: GET /products and /products/:sku are served from a copy of the
       * catalog that the inventory's events invalidate; `off`: every read asks
       * the inventory (for comparison: ./shop bench catalog measures both).
       */
      GATEWAY_CATALOG_CACHE: z.enum(['on', 'off']).default('on'),
      /**
       * The most a cached catalog is kept without an event saying it changed: a
       * backstop for what publishes no event (a row edited by hand in the
       * inventory's database), not how it stays fresh.
       */
      GATEWAY_CATALOG_CACHE_MAX_AGE_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
      /** GET /orders/:id/events: a keep-alive comment to every open stream this often, so proxies keep idle streams open. */
      ORDER_STREAM_HEARTBEAT_MS: z.coerce.number().int().min(1_000).max(300_000).default(15_000),
      /** Once an order is final, its streams end (`end`) after this long without an entry: e-mail and Slack entries follow the final status. */
      ORDER_STREAM_SETTLE_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
      /**
       * A reconnect with Last-Event-ID is sent again every entry stamped up to
       * this long before the one it names: an event that reaches the gateway
       * later than this after its ce_time could be missed by a reconnect (docs/adr/0003).
       */
      ORDER_STREAM_REPLAY_MARGIN_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
      /** Open order streams one customer may hold on one gateway instance; one more is a 429. */
      ORDER_STREAMS_PER_CUSTOMER: z.coerce.number().int().min(1).max(100_000).default(10),
      /** Open order streams one gateway instance holds; one more is a 503 with Retry-After. */
      ORDER_STREAMS_MAX: z.coerce.number().int().min(1).max(1_000_000).default(5_000),
      /** Prefixes every request-reply topic (a test hook; see the runtime's topic-namespace.ts). */
      SHOP_TOPIC_NAMESPACE: topicNamespaceSchema,
      /**
       * Jaeger's query API as the gateway reaches it (not as the browser does):
       * the trace view (/traces/<traceId>) reads a trace from
       * `<JAEGER_QUERY_URL>/api/traces/<traceId>`, behind a breaker and within
       * GATEWAY_REQUEST_TIMEOUT_MS.
       */
      JAEGER_QUERY_URL: httpBase.default('http://127.0.0.1:16686'),
      /**
       * Jaeger's UI as the browser reaches it, or empty where there is none (the
       * native run's Jaeger is built without its UI): where it is set, the
       * storefront and the trace view link each trace to `<JAEGER_UI_URL>/trace/<traceId>`.
       */
      JAEGER_UI_URL: z.union([z.literal(''), httpBase]).default(''),
      /** Also read by the tracing set-up (the spans' deployment.environment.name): only `development` has the demo credentials. */
      DEPLOYMENT_ENVIRONMENT: z.string().min(1).default(DEVELOPMENT),
      /** Signs and verifies customers' tokens (HS256): at least 32 bytes, kept secret. */
      AUTH_JWT_SECRET: leftUnsetByDeployments(z.string().min(32, 'at least 32 characters').default(DEMO_SIGNING_SECRET), DEMO_ONLY),
      /** The `iss` every customer token must carry (and the demo sign-in writes). */
      AUTH_JWT_ISSUER: z.string().min(1).default('event-shop'),
      /** The `aud` every customer token must carry. */
      AUTH_JWT_AUDIENCE: z.string().min(1).default('event-shop-gateway'),
      /** How long a token of the demo sign-in lasts. */
      AUTH_DEMO_TOKEN_TTL_S: z.coerce.number().int().min(60).max(7 * 24 * 3_600).default(3_600),
      /** Operators' API keys, stored as their SHA-256 (comma-separated): a key itself is never configured. */
      AUTH_OPERATOR_KEY_SHA256: leftUnsetByDeployments(
        z
          .string()
          .default(DEMO_OPERATOR_KEY_SHA256)
          .transform((list) => list.split(',').map((hash) => hash.trim().toLowerCase()).filter(Boolean))
          .pipe(z.array(sha256Hex).min(1, 'at least one operator key')),
        DEMO_ONLY,
      ),
      /** Each caller (customer, operator key, else client address) may send this many requests that change something (placing or cancelling an order, operations) per window… */
      RATE_LIMIT_WRITES: perWindow.default(60),
      /** …and this many reads. */
      RATE_LIMIT_READS: perWindow.default(600),
      RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(3_600).default(60),
    })
    .superRefine((settings, context) => {
      if (settings.DEPLOYMENT_ENVIRONMENT === DEVELOPMENT) return;
      const refuse = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
      if (settings.AUTH_JWT_SECRET === DEMO_SIGNING_SECRET) refuse('AUTH_JWT_SECRET', `the demo key is refused outside ${DEVELOPMENT}: set a secret of your own`);
      if (settings.AUTH_OPERATOR_KEY_SHA256.includes(DEMO_OPERATOR_KEY_SHA256)) {
        refuse('AUTH_OPERATOR_KEY_SHA256', `the demo operator key is refused outside ${DEVELOPMENT}: set the SHA-256 of keys of your own`);
      }
    }),
);

export type GatewaySettings = ReturnType<typeof gatewayConfig.load>;
