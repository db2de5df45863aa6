import { defineAppConfig, topicNamespaceSchema } from '@shop/runtime';
import { z } from 'zod';

/** The gateway's own settings, validated at start-up with the service's (see main.ts). */
export const gatewayConfig = defineAppConfig(
  z.object({
    /** How long a call to another service may take before the client gets a 503. */
    GATEWAY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3_000),
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
    /** Prefixes every request-reply topic (a test hook; see the runtime's topic-namespace.ts). */
    SHOP_TOPIC_NAMESPACE: topicNamespaceSchema,
    /**
     * Jaeger's UI as the browser reaches it (not as the gateway does): the
     * storefront links each order's trace to `<JAEGER_UI_URL>/trace/<traceId>`.
     */
    JAEGER_UI_URL: z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ''))
      .default('http://localhost:16686'),
  }),
);
