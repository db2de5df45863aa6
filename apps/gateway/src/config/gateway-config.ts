import { ConfigError, loadConfig, serviceConfigSchema, topicNamespaceSchema } from '@shop/runtime';
import { z } from 'zod';

/** The gateway's own settings, on top of every service's (SERVICE_NAME, PORT, ...). */
export const gatewaySettingsSchema = z.object({
  /** How long a call to another service may take before the client gets a 503. */
  GATEWAY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3_000),
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
});

export type GatewaySettings = z.infer<typeof gatewaySettingsSchema>;

/** Validates the gateway's settings together with the service ones, so every problem is named at once. */
export function loadGatewaySettings(env: Record<string, string | undefined> = process.env): GatewaySettings {
  const all = loadConfig(serviceConfigSchema.extend(gatewaySettingsSchema.shape), env);
  return {
    GATEWAY_REQUEST_TIMEOUT_MS: all.GATEWAY_REQUEST_TIMEOUT_MS,
    SHOP_TOPIC_NAMESPACE: all.SHOP_TOPIC_NAMESPACE,
    JAEGER_UI_URL: all.JAEGER_UI_URL,
  };
}

/** As runService does for the service settings: name every problem and exit 1. */
export function gatewaySettingsOrExit(): GatewaySettings {
  try {
    return loadGatewaySettings();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`[${process.env.SERVICE_NAME ?? 'gateway'}] ${error.message}\n`);
    process.exit(1);
  }
}
