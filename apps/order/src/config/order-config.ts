import { defineAppConfig, topicNamespaceSchema } from '@shop/runtime';
import { z } from 'zod';

/** Order's own settings, validated at start-up with the service's (see main.ts). */
export const orderConfig = defineAppConfig(
  z.object({
    /** Prefixes every topic the service touches (a test hook; see the runtime's topic-namespace.ts). */
    SHOP_TOPIC_NAMESPACE: topicNamespaceSchema,
  }),
);
