import { type RequestContract, Requests } from '@shop/event-contracts';

/** Injection token of the gateway's request contracts (GatewayRequests). */
export const GATEWAY_REQUESTS = Symbol('GATEWAY_REQUESTS');

type WithAnyPattern<Contract> =
  Contract extends RequestContract<infer Request, infer Value, string> ? RequestContract<Request, Value, string> : never;

/** Every call the gateway makes, by name; the patterns may carry a prefix. */
export type GatewayRequests = { readonly [Name in keyof typeof Requests]: WithAnyPattern<(typeof Requests)[Name]> };

/** The contracts with `prefix` before each pattern (and so before each reply topic). */
export function gatewayRequests(prefix: string): GatewayRequests {
  const entries = Object.entries(Requests).map(([name, contract]) => {
    const pattern = `${prefix}${contract.pattern}`;
    return [name, { ...contract, pattern, replyTopic: `${pattern}.reply` }] as const;
  });
  return Object.fromEntries(entries) as unknown as GatewayRequests;
}
