import { SpanKind } from '@opentelemetry/api';
import { contextFromTraceHeaders, messagingAttributes } from '../tracing/kafka-propagation.js';
import { withSpan } from '../tracing/with-span.js';
import { runtimeTracer } from '../tracing/tracer.js';
import type { AttemptedDelivery, ConsumerObserver } from './consumer/consumer-observer.js';
import type { DeadLetterFailure } from './consumer/dead-letter-headers.js';
import type { Delivery } from './consumer/delivery.js';

/**
 * One CONSUMER span per handling attempt, child of the producer span whose
 * context came in the message headers, so an order stays one trace across the
 * Kafka hop. The handler's own writes and outbox events happen inside it.
 */
export class ConsumerTracingObserver implements ConsumerObserver {
  aroundAttempt<T>(delivery: AttemptedDelivery, run: () => Promise<T>): Promise<T> {
    const { envelope, topic, partition, message, groupId, attempt } = delivery;
    return withSpan(
      `${envelope.type} process`,
      {
        kind: SpanKind.CONSUMER,
        parent: contextFromTraceHeaders(message.headers),
        attributes: {
          ...messagingAttributes({
            operation: 'process',
            destination: topic,
            partition,
            offset: message.offset,
            messageId: envelope.id,
            key: envelope.subject,
            consumerGroup: groupId,
          }),
          'shop.attempt': attempt,
          'shop.correlation_id': envelope.correlationId,
        },
      },
      run,
    );
  }

  /** A span of its own, in the event's trace, so a dead letter shows where the order's trace stops. */
  deadLettered(delivery: Delivery, failure: DeadLetterFailure): void {
    const span = runtimeTracer().startSpan(
      `${delivery.topic} dead-letter`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'shop.dead_letter.reason': failure.reason,
          'shop.dead_letter.attempts': failure.attempts,
          'shop.dead_letter.error': failure.error,
          'messaging.destination.partition.id': String(delivery.partition),
        },
      },
      contextFromTraceHeaders(delivery.message.headers),
    );
    span.end();
  }
}
