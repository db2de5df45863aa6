import { type RequestContract, Requests } from '@shop/event-contracts';
import { namespacedRequest } from '@shop/runtime';

/** Injection token of the gateway's request contracts (GatewayRequests). */
export const GATEWAY_REQUESTS = Symbol('GATEWAY_REQUESTS');

type WithAnyPattern<Contract> =
  Contract extends RequestContract<infer Request, infer Value, string> ? RequestContract<Request, Value, string> : never;

/** Every call the gateway makes, by name; the patterns may carry a prefix. */
export type GatewayRequests = { readonly [Name in keyof typeof Requests]: WithAnyPattern<(typeof Requests)[Name]> };

/** The contracts in a topic namespace (SHOP_TOPIC_NAMESPACE): `namespace` before each pattern and reply topic. */
export function gatewayRequests(namespace: string): GatewayRequests {
  const entries = Object.entries(Requests).map(([name, contract]) => [name, namespacedRequest(contract, namespace)] as const);
  return Object.fromEntries(entries) as unknown as GatewayRequests;
}
