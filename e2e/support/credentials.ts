/** Who a test calls the gateway as. */
export type Caller = { kind: 'customer'; customerId: string } | { kind: 'operator' };

/**
 * The headers that authenticate `caller` at the gateway (`gatewayUrl`), for
 * tests that go through it. The one place that knows how: the gateway asks
 * for no credentials yet (issue 13 adds bearer tokens for customers and API
 * keys for operators), so it is `{}` today; when authentication lands, this
 * signs in (or builds the header) and every test using it follows.
 */
export async function credentials(_gatewayUrl: string, _caller: Caller = { kind: 'customer', customerId: 'e2e-customer' }): Promise<Record<string, string>> {
  return {};
}
