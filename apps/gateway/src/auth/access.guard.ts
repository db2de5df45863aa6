import type { IncomingMessage } from 'node:http';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../problem/problem.js';
import { type Access, ACCESS_METADATA } from './access.js';
import { API_KEY_HEADER, Authenticator, type Caller } from './caller.js';

export const REALM = 'event-shop';

/** What the guard found: the customer a route acts for (see CurrentCustomer). */
export type AuthenticatedRequest = IncomingMessage & { customerId?: string };

/**
 * Every route is for customers unless it says otherwise (deny by default: a
 * new route cannot be left open by forgetting a decorator). No or refused
 * credentials: 401 with the challenge to answer; an operator route for a
 * customer: 403.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]) ?? 'customer';
    if (access === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = await this.authenticator.callerOf(request);
    if (access === 'operator') {
      if (caller.operatorKeyId) return true;
      if (caller.customerId) throw forbidden('operations routes are for operators (an API key in X-Api-Key)');
      throw unauthenticated('ApiKey', caller, `this route is for operators: send an API key in ${API_KEY_HEADER}`);
    }
    if (access === 'signed-in' && caller.operatorKeyId) return true;
    if (!caller.customerId) throw unauthenticated('Bearer', caller, 'sign in and send Authorization: Bearer <token>');
    request.customerId = caller.customerId;
    return true;
  }
}

function unauthenticated(scheme: 'Bearer' | 'ApiKey', caller: Caller, detail: string): ProblemException {
  const refused = caller.refused?.scheme === scheme ? caller.refused.reason : undefined;
  // RFC 6750 §3: invalid_token when a token was sent and refused; no error code when none was sent.
  const challenge = scheme === 'Bearer'
    ? `Bearer realm="${REALM}"${refused ? `, error="invalid_token", error_description="${refused}"` : ''}`
    : `ApiKey realm="${REALM}", header="${API_KEY_HEADER}"`;
  return new ProblemException(
    { type: '/problems/unauthenticated', title: 'Unauthenticated', status: 401, detail: refused ? `${refused}; ${detail}` : detail },
    { 'WWW-Authenticate': challenge },
  );
}

const forbidden = (detail: string) => new ProblemException({ type: '/problems/forbidden', title: 'Forbidden', status: 403, detail });
