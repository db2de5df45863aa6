import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { gatewayConfig, type GatewaySettings } from '../config/gateway-config.js';
import { CustomerTokens, InvalidTokenError } from './customer-tokens.js';
import { OperatorKeys } from './operator-keys.js';

/** The header operators put their API key in. */
export const API_KEY_HEADER = 'X-Api-Key';

/**
 * Who sent a request, from its credentials: a customer (a verified bearer
 * token), an operator (a known API key), both, or neither; `refused` says why
 * presented credentials were not accepted (for WWW-Authenticate).
 */
export interface Caller {
  customerId?: string;
  operatorKeyId?: string;
  refused?: { scheme: 'Bearer' | 'ApiKey'; reason: string };
}

/**
 * Reads a request's credentials once: the rate limiter (which keys its counts
 * by caller) and the access guard ask for the same request, the token is
 * verified once.
 */
@Injectable()
export class Authenticator {
  private readonly callers = new WeakMap<IncomingMessage, Promise<Caller>>();
  readonly tokens: CustomerTokens;
  private readonly operatorKeys: OperatorKeys;

  constructor(@Inject(gatewayConfig.token) settings: GatewaySettings) {
    this.tokens = new CustomerTokens({ secret: settings.AUTH_JWT_SECRET, issuer: settings.AUTH_JWT_ISSUER, audience: settings.AUTH_JWT_AUDIENCE });
    this.operatorKeys = new OperatorKeys(settings.AUTH_OPERATOR_KEY_SHA256);
  }

  callerOf(request: IncomingMessage): Promise<Caller> {
    let caller = this.callers.get(request);
    if (!caller) this.callers.set(request, (caller = this.identify(request)));
    return caller;
  }

  private async identify(request: IncomingMessage): Promise<Caller> {
    const caller: Caller = {};
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const [scheme, token, ...rest] = authorization.trim().split(/\s+/);
      if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
        caller.refused = { scheme: 'Bearer', reason: 'expected Authorization: Bearer <token>' };
      } else {
        try {
          caller.customerId = await this.tokens.customerOf(token);
        } catch (error) {
          if (!(error instanceof InvalidTokenError)) throw error;
          caller.refused = { scheme: 'Bearer', reason: error.message };
        }
      }
    }
    const apiKey = request.headers[API_KEY_HEADER.toLowerCase()];
    if (apiKey !== undefined) {
      caller.operatorKeyId = typeof apiKey === 'string' ? this.operatorKeys.idOf(apiKey) : undefined;
      if (!caller.operatorKeyId) caller.refused = { scheme: 'ApiKey', reason: 'unknown API key' };
    }
    return caller;
  }
}
