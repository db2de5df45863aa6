/**
 * The headers an operator's request carries: the one place a test says who
 * calls the operators' routes. The demo operator key, which the gateway
 * accepts in development (apps/gateway/src/auth/demo-credentials.ts).
 */
export function operatorHeaders(): Record<string, string> {
  return { 'X-Api-Key': 'demo-operator-key' };
}
