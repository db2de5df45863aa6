import type { EventContract, RequestContract } from '@shop/event-contracts';
import { z } from 'zod';
import { leftUnsetByDeployments } from './deployment-environment.js';

/**
 * SHOP_TOPIC_NAMESPACE, when set, prefixes every topic a service touches: the
 * events it publishes and consumes and its request-reply topics. Unset in
 * every real deployment. An integration test sets it to run an isolated copy
 * of a service beside the real one: otherwise both would answer the same
 * requests (the caller taking whichever reply comes first) and the copy would
 * react to the real services' events. A service that uses it declares it in
 * its config schema with this schema, and reads it from there.
 */
export const topicNamespaceSchema = leftUnsetByDeployments(
  z
    .string()
    .regex(/^(?:[A-Za-z0-9_-]+\.)*$/, 'expected dot-terminated segments of letters, digits, _ or -, e.g. "it.abc."')
    .default(''),
  'a test hook: an integration test runs an isolated copy of a service on topics of its own',
);

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
