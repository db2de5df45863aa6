import { leftUnsetByDeployments } from '@shop/runtime';
import { z } from 'zod';

/** Order's own settings, validated at start-up with the service's (see main.ts). */
export const orderConfigSchema = z.object({
  /** Prefixes every topic the service touches; see topics/topic-namespace.ts. */
  SHOP_TOPIC_NAMESPACE: leftUnsetByDeployments(
    z.string().default(''),
    'a test hook: an integration test runs an isolated copy of the service on topics of its own',
  ),
});

export type OrderConfig = z.infer<typeof orderConfigSchema>;
