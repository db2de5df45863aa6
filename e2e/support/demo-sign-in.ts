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
    token = requestToken(gatewayUrl, customerId).then(({ accessToken }) => accessToken);
    tokens.set(key, token);
    token.catch(() => tokens.delete(key));
  }
  return token.then((value) => ({ authorization: `Bearer ${value}` }));
}

/** One sign-in: the token and how long it lasts (`expires_in`), for a client that refreshes it (./shop load). */
export async function requestToken(gatewayUrl: string, customerId: string): Promise<{ accessToken: string; expiresInS: number }> {
  const response = await fetch(`${gatewayUrl}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${customerId} at ${gatewayUrl}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { access_token: string; expires_in: number };
  return { accessToken: body.access_token, expiresInS: body.expires_in };
}
