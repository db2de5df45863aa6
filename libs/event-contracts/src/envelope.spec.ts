import { EnvelopeError, fromKafkaHeaders, toKafkaHeaders, type EventEnvelope } from './envelope.js';

const attributes: Omit<EventEnvelope, 'data'> = {
  id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d',
  type: 'shop.order.placed.v1',
  source: '/shop/order',
  specversion: '1.0',
  time: '2025-01-02T03:04:05.678Z',
  subject: '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10',
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  causationId: 'c0ffee00-0000-4000-8000-000000000002',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  tracestate: 'vendor=value',
};

/** What kafkajs hands a consumer: every header value as a Buffer. */
function asReceived(headers: Record<string, string>): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value)]));
}

describe('CloudEvents envelope in Kafka headers (binary mode)', () => {
  it('writes the ce_ attributes, trace context and content type as headers', () => {
    expect(toKafkaHeaders(attributes)).toEqual({
      ce_id: attributes.id,
      ce_type: 'shop.order.placed.v1',
      ce_source: '/shop/order',
      ce_specversion: '1.0',
      ce_time: attributes.time,
      ce_subject: attributes.subject,
      ce_correlationid: attributes.correlationId,
      ce_causationid: attributes.causationId,
      'content-type': 'application/json',
      traceparent: attributes.traceparent,
      tracestate: 'vendor=value',
    });
  });

  it('round-trips through Buffer header values as kafkajs delivers them', () => {
    expect(fromKafkaHeaders(asReceived(toKafkaHeaders(attributes)))).toEqual(attributes);
  });

  it('round-trips without trace context, leaving it absent rather than empty', () => {
    const { traceparent: _traceparent, tracestate: _tracestate, ...untraced } = attributes;
    const read = fromKafkaHeaders(asReceived(toKafkaHeaders(untraced)));
    expect(read).toEqual(untraced);
    expect(read).not.toHaveProperty('traceparent');
  });

  it('reads string and repeated (array) header values, taking the first', () => {
    const headers: Record<string, string | Buffer[]> = { ...toKafkaHeaders(attributes) };
    headers.ce_type = [Buffer.from('shop.order.placed.v1'), Buffer.from('ignored')];
    expect(fromKafkaHeaders(headers).type).toBe('shop.order.placed.v1');
  });

  it.each(['ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_subject', 'ce_correlationid', 'ce_causationid', 'ce_specversion'])(
    'refuses a message without %s, naming the header',
    (missing) => {
      const headers = asReceived(toKafkaHeaders(attributes));
      delete headers[missing];
      expect(() => fromKafkaHeaders(headers)).toThrow(EnvelopeError);
      expect(() => fromKafkaHeaders(headers)).toThrow(`missing header ${missing}`);
    },
  );

  it('treats an empty header as missing', () => {
    const headers = asReceived(toKafkaHeaders(attributes));
    headers.ce_id = Buffer.alloc(0);
    expect(() => fromKafkaHeaders(headers)).toThrow('missing header ce_id');
  });

  it('refuses another CloudEvents spec version', () => {
    const headers = asReceived(toKafkaHeaders(attributes));
    headers.ce_specversion = Buffer.from('0.3');
    expect(() => fromKafkaHeaders(headers)).toThrow('unsupported ce_specversion 0.3');
  });
});
