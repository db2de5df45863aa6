// The load's customers, each signed in once through the gateway's demo
// sign-in as a client would, and signed in again before the token expires
// (a run may outlast AUTH_DEMO_TOKEN_TTL_S), never on the request's path.
import { requestToken } from '../../e2e/support/demo-sign-in.ts';

/** A token is renewed when this share of its life has passed. */
const RENEW_AT = 0.8;

export class CustomerSessions {
  private readonly tokens = new Map<string, string>();
  private readonly renewals: NodeJS.Timeout[] = [];

  private readonly gatewayUrl: string;

  private constructor(gatewayUrl: string) {
    this.gatewayUrl = gatewayUrl;
  }

  /** Signs every customer in; rejects (with the gateway's answer) when a sign-in is refused. */
  static async start(gatewayUrl: string, customers: readonly string[]): Promise<CustomerSessions> {
    const sessions = new CustomerSessions(gatewayUrl);
    await Promise.all(customers.map((customer) => sessions.signIn(customer)));
    return sessions;
  }

  /** The Authorization header of a signed-in customer. */
  authorization(customerId: string): { authorization: string } {
    return { authorization: `Bearer ${this.tokens.get(customerId)}` };
  }

  stop(): void {
    for (const renewal of this.renewals.splice(0)) clearTimeout(renewal);
  }

  private async signIn(customerId: string): Promise<void> {
    const { accessToken, expiresInS } = await requestToken(this.gatewayUrl, customerId);
    this.tokens.set(customerId, accessToken);
    const renewal = setTimeout(() => {
      this.renewals.splice(this.renewals.indexOf(renewal), 1);
      // A failed renewal keeps the old token until it expires; the 401s that follow are counted as errors.
      this.signIn(customerId).catch(() => setTimeout(() => this.signIn(customerId).catch(() => undefined), 5_000).unref());
    }, expiresInS * 1_000 * RENEW_AT);
    renewal.unref();
    this.renewals.push(renewal);
  }
}
