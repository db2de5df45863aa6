import { Logger } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { SpanKind } from '@opentelemetry/api';
import type { Reply, RequestContract } from '@shop/event-contracts';
import { contextFromTraceHeaders, messagingAttributes } from '../tracing/kafka-propagation.js';
import { withSpan } from '../tracing/with-span.js';
import { fail } from './reply.js';
import { isPastDeadline } from './request-deadline.js';

const logger = new Logger('RequestServer');

/**
 * Answers one request-reply call inside a `@MessagePattern` method: validates
 * the request (INVALID names the fields), runs `handle` in a SERVER span that
 * continues the caller's trace, and turns an unexpected error into INTERNAL
 * instead of leaving the caller waiting for its timeout. A request read after
 * its caller's deadline is not handled (UNAVAILABLE, which nobody reads): an
 * overloaded service then spends its time on requests someone still awaits.
 */
export function serveRequest<Request, Value>(
  contract: RequestContract<Request, Value, string>,
  payload: unknown,
  context: KafkaContext,
  handle: (request: Request) => Promise<Reply<Value>>,
): Promise<Reply<Value>> {
  const message = context.getMessage();
  return withSpan(
    `${contract.pattern} handle`,
    {
      kind: SpanKind.SERVER,
      parent: contextFromTraceHeaders(message.headers),
      attributes: messagingAttributes({
        operation: 'process',
        destination: contract.pattern,
        partition: context.getPartition(),
        offset: message.offset,
        messageId: String(message.headers?.kafka_correlationId ?? ''),
      }),
    },
    async (span) => {
      if (isPastDeadline(message.headers)) {
        span.setAttribute('shop.request.expired', true);
        logger.warn({ msg: 'request not served: its caller stopped waiting', pattern: contract.pattern });
        return fail('UNAVAILABLE', `${contract.pattern} was read after its caller stopped waiting`);
      }
      const parsed = contract.parseRequest(payload);
      if (!parsed.success) return fail('INVALID', parsed.error, parsed.issues);
      try {
        return await handle(parsed.data);
      } catch (error) {
        logger.error({ msg: 'request failed', pattern: contract.pattern, error: (error as Error).message, stack: (error as Error).stack });
        return fail('INTERNAL', `${contract.pattern} failed`);
      }
    },
  );
}
