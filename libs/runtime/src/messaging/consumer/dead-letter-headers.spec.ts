import type { KafkaMessage } from 'kafkajs';
import { deadLetterHeaders, describeError, MAX_DEAD_LETTER_ERROR_LENGTH } from './dead-letter-headers.js';

const message = {
  key: Buffer.from('order-1'),
  value: Buffer.from('{}'),
  offset: '41',
  timestamp: '0',
  attributes: 0,
  headers: { ce_id: Buffer.from('e-1'), traceparent: '00-abc-def-01', dlq_reason: 'invalid-json' },
} as KafkaMessage;

describe('deadLetterHeaders', () => {
  it('keeps every original header and adds where the event came from and why it failed', () => {
    const failedAt = new Date('2026-01-02T03:04:05.678Z');
    const headers = deadLetterHeaders(
      { topic: 'shop.order.events', partition: 2, message },
      { reason: 'handler-failed', error: 'boom', attempts: 5 },
      'inventory',
      failedAt,
    );
    expect(headers).toEqual({
      ce_id: Buffer.from('e-1'),
      traceparent: '00-abc-def-01',
      dlq_reason: 'handler-failed',
      dlq_error: 'boom',
      dlq_attempts: '5',
      dlq_original_topic: 'shop.order.events',
      dlq_original_partition: '2',
      dlq_original_offset: '41',
      dlq_consumer_group: 'inventory',
      dlq_failed_at: '2026-01-02T03:04:05.678Z',
    });
  });

  it('truncates long errors', () => {
    const headers = deadLetterHeaders(
      { topic: 't', partition: 0, message },
      { reason: 'invalid-data', error: 'x'.repeat(5_000), attempts: 1 },
      'g',
    );
    expect(headers.dlq_error).toHaveLength(MAX_DEAD_LETTER_ERROR_LENGTH);
    expect(String(headers.dlq_error).endsWith('…')).toBe(true);
  });
});

describe('describeError', () => {
  it('names error subclasses, not plain errors', () => {
    expect(describeError(new Error('plain'))).toBe('plain');
    expect(describeError(new TypeError('typed'))).toBe('TypeError: typed');
    expect(describeError('a string')).toBe('a string');
  });
});
