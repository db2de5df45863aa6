/** What a fuzzed request is aimed at: a documented operation, or a method and path the document does not have. */
export interface FuzzTarget {
  method: string;
  /** The path template (`/orders/{id}`) or, off the document, the path itself. */
  path: string;
  operationId?: string;
}

/**
 * The credentials of every request the fuzzer sends, as headers: the one place
 * to give a customer's bearer token or an operator's API key once the gateway
 * requires them (issue 13). None are needed yet.
 */
export function credentialsFor(_target: FuzzTarget): Record<string, string> {
  return {};
}
