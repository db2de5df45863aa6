import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { type Access, ACCESS_METADATA } from '../auth/access.js';
import { Authenticator } from '../auth/caller.js';
import { gatewayConfig, type GatewaySettings } from '../config/gateway-config.js';
import { ProblemException } from '../problem/problem.js';

/** Reads or changes: each has its own budget per caller (RATE_LIMIT_READS, RATE_LIMIT_WRITES). */
export type RateLimitKind = 'reads' | 'writes';

export const rateLimitKindOf = (method: string | undefined): RateLimitKind => (method === 'GET' || method === 'HEAD' ? 'reads' : 'writes');

/**
 * A budget of requests per caller and window (rate-limiter-flexible): a
 * customer by their token's subject, an operator by their key, anyone else by
 * address, so refused credentials are counted too (this guard runs before
 * AccessGuard). Public routes are not counted: probes, documents, the
 * storefront's page, and the demo sign-in (passwordless and development only:
 * there is nothing to guess, and a load test signs in many customers from one
 * address). Every counted response says the budget in the IETF
 * draft's RateLimit-Limit, -Remaining and -Reset; beyond it, 429 with
 * Retry-After.
 *
 * The counts live in this process: with N replicas of the gateway a caller
 * gets up to N budgets (README: Rate limits). rate-limiter-flexible keeps the
 * same counts in Redis or PostgreSQL by changing this one class.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters: Record<RateLimitKind, RateLimiterMemory>;

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    @Inject(gatewayConfig.token) settings: GatewaySettings,
  ) {
    const budget = (points: number) => new RateLimiterMemory({ points, duration: settings.RATE_LIMIT_WINDOW_S });
    this.limiters = { reads: budget(settings.RATE_LIMIT_READS), writes: budget(settings.RATE_LIMIT_WRITES) };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<IncomingMessage & { ip?: string }>();
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    if (access === 'public') return true;

    const kind = rateLimitKindOf(request.method);
    const limiter = this.limiters[kind];
    let outcome: RateLimiterRes;
    let allowed = true;
    try {
      outcome = await limiter.consume(await this.callerKey(request));
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      outcome = refusal;
      allowed = false;
    }
    const response = http.getResponse<ServerResponse>();
    const resetSeconds = Math.max(1, Math.ceil(outcome.msBeforeNext / 1_000));
    response.setHeader('RateLimit-Limit', limiter.points);
    response.setHeader('RateLimit-Remaining', outcome.remainingPoints);
    response.setHeader('RateLimit-Reset', resetSeconds);
    if (allowed) return true;
    throw new ProblemException(
      {
        type: '/problems/rate-limited',
        title: 'Too many requests',
        status: 429,
        detail: `more than ${limiter.points} ${kind} in ${limiter.duration} s from this caller; retry after ${resetSeconds} s`,
      },
      { 'Retry-After': String(resetSeconds) },
    );
  }

  private async callerKey(request: IncomingMessage & { ip?: string }): Promise<string> {
    const caller = await this.authenticator.callerOf(request);
    if (caller.customerId) return `customer:${caller.customerId}`;
    if (caller.operatorKeyId) return `operator:${caller.operatorKeyId}`;
    return `address:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
  }
}
