/**
 * Customers' tokens from a gateway's demo sign-in (POST /auth/token, in
 * development), one per gateway and customer for the run: how every test and
 * benchmark calls the API as a customer.
 */
const tokens = new Map<string, Promise<string>>();

export function signedIn(gatewayUrl: string, customerId: string): Promise<{ authorization: string }> {
  const key = `${gatewayUrl} ${customerId}`;
  let token = tokens.get(key);
  if (!token) {
    token = signIn(gatewayUrl, customerId);
    tokens.set(key, token);
    token.catch(() => tokens.delete(key));
  }
  return token.then((value) => ({ authorization: `Bearer ${value}` }));
}

async function signIn(gatewayUrl: string, customerId: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${customerId} at ${gatewayUrl}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
