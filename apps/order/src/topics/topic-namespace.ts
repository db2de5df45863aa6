import type { EventContract, RequestContract } from '@shop/event-contracts';
import { orderConfigSchema } from '../config/order-config.js';

/**
 * SHOP_TOPIC_NAMESPACE, when set, prefixes every topic this service touches:
 * the events it publishes and consumes and its request-reply topics. Unset in
 * every real deployment. An integration test sets it to run an isolated copy
 * of the service beside the real one: otherwise both would answer the same
 * requests (the caller taking whichever reply comes first) and the copy would
 * react to the real inventory's events.
 */
export function topicNamespace(env: Record<string, string | undefined> = process.env): string {
  return orderConfigSchema.shape.SHOP_TOPIC_NAMESPACE.parse(env.SHOP_TOPIC_NAMESPACE);
}

export function namespacedEvent<Contract extends EventContract<any, string>>(contract: Contract, namespace: string): Contract {
  return namespace ? { ...contract, topic: namespace + contract.topic } : contract;
}

export function namespacedRequest<Contract extends RequestContract<any, any, string>>(
  contract: Contract,
  namespace: string,
): Contract {
  return namespace
    ? { ...contract, pattern: namespace + contract.pattern, replyTopic: namespace + contract.replyTopic }
    : contract;
}
