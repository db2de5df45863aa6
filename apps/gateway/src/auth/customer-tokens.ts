import { customerIdSchema } from '@shop/event-contracts';
import { errors, jwtVerify, SignJWT } from 'jose';

export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
}

/** Why a presented token is refused: said to the client in WWW-Authenticate, never the token itself. */
export class InvalidTokenError extends Error {}

const ALGORITHM = 'HS256';
/** Clocks of the issuer and the gateway may differ this much. */
const CLOCK_TOLERANCE_S = 5;

/**
 * Customers' bearer tokens (JWT, with jose): verified for signature,
 * algorithm, expiry, issuer and audience; the subject is the customer id.
 * Issued only by the demo sign-in, for development; a real deployment gets
 * them from its identity provider, signed with the same secret.
 */
export class CustomerTokens {
  private readonly key: Uint8Array;

  constructor(private readonly settings: TokenSettings) {
    this.key = new TextEncoder().encode(settings.secret);
  }

  async issue(customerId: string, ttlSeconds: number): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(customerId)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  /** The customer id the token was issued to; InvalidTokenError if it must not be trusted. */
  async customerOf(token: string): Promise<string> {
    let subject: string | undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_S,
      });
      subject = payload.sub;
    } catch (error) {
      throw new InvalidTokenError(error instanceof errors.JWTExpired ? 'the token has expired' : 'the token is not valid');
    }
    const customerId = customerIdSchema.safeParse(subject);
    if (!customerId.success) throw new InvalidTokenError('the token names no valid customer');
    return customerId.data;
  }
}
