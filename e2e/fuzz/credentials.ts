import { signedIn } from '../support/demo-sign-in.js';
import { operatorHeaders } from '../support/operator-credentials.js';
import type { OpenApiDocument } from './openapi-types.js';

/** What a fuzzed request is aimed at: a documented operation, or a method and path the document does not have. */
export interface FuzzTarget {
  method: string;
  /** The path template (`/orders/{id}`) or, off the document, the path itself. */
  path: string;
  operationId?: string;
}

let customer: Record<string, string> = {};
const operatorOperations = new Set<string>();

/**
 * Signs the fuzzer in as one customer (the demo sign-in) and learns from the
 * document which operations are the operators'. Called once, before the run.
 */
export async function prepareCredentials(gatewayUrl: string, customerId: string, document: OpenApiDocument): Promise<void> {
  customer = await signedIn(gatewayUrl, customerId);
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      if (operation.security?.some((requirement) => 'operatorKey' in requirement)) operatorOperations.add(operation.operationId);
    }
  }
}

/**
 * The credentials of every request the fuzzer sends, as headers: the
 * operator's key for the operators' operations, else the signed-in customer's
 * token (harmless where none is needed). What the gateway answers without
 * them is e2e/gateway/gateway-edge.spec's subject.
 */
export function credentialsFor(target: FuzzTarget): Record<string, string> {
  return target.operationId && operatorOperations.has(target.operationId) ? operatorHeaders() : customer;
}
