import { context, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import {
  ATTR_KAFKA_MESSAGE_KEY,
  ATTR_KAFKA_OFFSET,
  ATTR_MESSAGING_CONSUMER_GROUP_NAME,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_DESTINATION_PARTITION_ID,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM_NAME,
  MESSAGING_OPERATION_TYPE_VALUE_PROCESS,
  MESSAGING_OPERATION_TYPE_VALUE_SEND,
  MESSAGING_SYSTEM_NAME_VALUE_KAFKA,
} from '@opentelemetry/semantic-conventions/incubating';
import { startInMemoryTracing } from './in-memory-tracing.js';
import { contextFromTraceHeaders, currentTraceHeaders, messagingAttributes, type TraceHeaders } from './kafka-propagation.js';
import { withSpan } from './with-span.js';

describe('trace context across a Kafka hop', () => {
  const tracing = startInMemoryTracing();
  afterEach(() => tracing.reset());
  afterAll(() => tracing.shutdown());

  it('continues the trace: a span parented on extracted headers is a child of the span that injected them', async () => {
    let headers: TraceHeaders = {};
    const producer = await withSpan('shop.order.events publish', { kind: SpanKind.PRODUCER }, async (span) => {
      headers = currentTraceHeaders();
      return span.spanContext();
    });
    expect(headers.traceparent).toBe(`00-${producer.traceId}-${producer.spanId}-01`);

    // The consumer runs elsewhere, inside an unrelated span: the message's parent must win.
    await withSpan('unrelated', {}, () =>
      withSpan('shop.order.events process', { kind: SpanKind.CONSUMER, parent: contextFromTraceHeaders(headers) }, async () => {}),
    );
    const consumer = (await tracing.spans()).find((span) => span.name === 'shop.order.events process')!;
    expect(consumer.spanContext().traceId).toBe(producer.traceId);
    expect(consumer.parentSpanContext?.spanId).toBe(producer.spanId);
    expect(consumer.parentSpanContext?.isRemote).toBe(true);
  });

  it('reads headers as kafkajs delivers them (Buffers) and carries tracestate along', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const parent = contextFromTraceHeaders({ traceparent: Buffer.from(traceparent), tracestate: Buffer.from('shop=1') });
    const child = await withSpan('process', { parent }, async () => currentTraceHeaders());
    expect(child.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    expect(child.tracestate).toBe('shop=1');
  });

  it('gives no headers outside a span, and a root context for a message without them', async () => {
    expect(currentTraceHeaders()).toEqual({});
    expect(contextFromTraceHeaders(undefined)).toBe(ROOT_CONTEXT);
    await withSpan('unrelated', {}, async () => {
      expect(trace.getSpan(contextFromTraceHeaders({}))).toBeUndefined();
      expect(trace.getSpan(context.active())).toBeDefined();
    });
  });
});

describe('messagingAttributes', () => {
  it('names a published message with the messaging semantic conventions', () => {
    expect(messagingAttributes({ operation: 'publish', destination: 'shop.order.events', messageId: 'e1', key: 'o1' })).toEqual({
      [ATTR_MESSAGING_SYSTEM_NAME]: MESSAGING_SYSTEM_NAME_VALUE_KAFKA,
      [ATTR_MESSAGING_OPERATION_TYPE]: MESSAGING_OPERATION_TYPE_VALUE_SEND,
      [ATTR_MESSAGING_OPERATION_NAME]: 'publish',
      [ATTR_MESSAGING_DESTINATION_NAME]: 'shop.order.events',
      [ATTR_MESSAGING_MESSAGE_ID]: 'e1',
      [ATTR_KAFKA_MESSAGE_KEY]: 'o1',
    });
  });

  it('adds partition, offset and consumer group for a processed message', () => {
    expect(
      messagingAttributes({
        operation: 'process',
        destination: 'shop.order.events',
        partition: 2,
        offset: '41',
        messageId: 'e1',
        consumerGroup: 'inventory',
      }),
    ).toMatchObject({
      [ATTR_MESSAGING_OPERATION_TYPE]: MESSAGING_OPERATION_TYPE_VALUE_PROCESS,
      [ATTR_MESSAGING_DESTINATION_PARTITION_ID]: '2',
      [ATTR_KAFKA_OFFSET]: 41,
      [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: 'inventory',
    });
  });
});
