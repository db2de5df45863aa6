import { Injectable, Logger } from '@nestjs/common';
import type { Reply, RequestContract } from '@shop/event-contracts';
import { BREAKER_DEFAULTS, BreakerRegistry, RequestClient, ServiceUnavailableError } from '@shop/runtime';
import { type FieldNames, type ProblemException, Problems } from '../problem/problem.js';
import { problemFromReplyError, RETRY_SOON_SECONDS } from '../problem/reply-error.problem.js';

/** "order" of "shop.order.place" (or of a prefixed "it.x.shop.order.place"): who failed to answer. */
export const serviceOfPattern = (pattern: string): string => pattern.split('.').at(-2) ?? pattern;

/**
 * The gateway's one way to call a service: the reply value, or the problem to
 * answer with (the service's error reply mapped to its status, 503 when it did
 * not answer in time or its breaker is open, 502 when its reply is unreadable).
 */
@Injectable()
export class DownstreamService {
  private readonly logger = new Logger('Downstream');

  constructor(
    private readonly client: RequestClient,
    private readonly breakers: BreakerRegistry,
  ) {}

  async ask<Request, Value>(contract: RequestContract<Request, Value, string>, request: Request, names: FieldNames = {}): Promise<Value> {
    let reply: Reply<Value>;
    try {
      reply = await this.client.call(contract, request);
    } catch (error) {
      if (error instanceof ServiceUnavailableError) throw this.unavailable(contract.pattern);
      this.logger.error({ msg: 'unreadable reply', pattern: contract.pattern, error: (error as Error).message });
      throw Problems.badGateway(`the ${serviceOfPattern(contract.pattern)} service answered something the gateway cannot read`);
    }
    if (reply.ok) return reply.value;
    throw problemFromReplyError(reply.error, names);
  }

  private unavailable(pattern: string): ProblemException {
    const service = serviceOfPattern(pattern);
    // RequestClient names its breaker per pattern; open means calls fail fast until it half-opens.
    if (this.breakers.get(`request:${pattern}`)?.opened) {
      return Problems.unavailable(
        `the ${service} service failed repeatedly; the gateway stops calling it for a while (${pattern})`,
        Math.ceil(BREAKER_DEFAULTS.resetTimeout / 1_000),
      );
    }
    return Problems.unavailable(`the ${service} service did not answer in time (${pattern})`, RETRY_SOON_SECONDS);
  }
}
