import { defineAppConfig, topicNamespaceSchema } from '@shop/runtime';
import { z } from 'zod';
import { DEFAULT_BODY_LIMIT_BYTES } from '../http/json-body.middleware.js';

/** The gateway's own settings, validated at start-up with the service's (see main.ts). */
export const gatewayConfig = defineAppConfig(
  z.object({
    /** How long a call to another service may take before the client gets a 503. */
    GATEWAY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3_000),
    /** The largest request body the gateway reads; a larger one gets a 413 (1 KiB..16 MiB). */
    GATEWAY_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(DEFAULT_BODY_LIMIT_BYTES),
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
