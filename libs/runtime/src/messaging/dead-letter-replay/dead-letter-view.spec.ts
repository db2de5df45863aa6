import { deadLetterView } from './dead-letter-view.js';

describe('deadLetterView', () => {
  const headers = {
    ce_id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d',
    ce_type: 'shop.order.placed.v1',
    dlq_reason: 'handler-failed',
    dlq_error: 'boom',
    dlq_attempts: '5',
    dlq_failed_at: '2026-12-02T10:00:00.000Z',
    dlq_original_topic: 'shop.order.events',
    dlq_original_partition: '2',
    dlq_original_offset: '41',
    dlq_consumer_group: 'inventory',
  };

  it('says which event failed, why, when and where, and whether a replay republished it', () => {
    const view = deadLetterView({ partition: 1, offset: '7', key: 'o-1', headers }, 8n);
    expect(view).toEqual({
      partition: 1,
      offset: '7',
      eventId: headers.ce_id,
      type: 'shop.order.placed.v1',
      key: 'o-1',
      reason: 'handler-failed',
      error: 'boom',
      attempts: 5,
      failedAt: '2026-12-02T10:00:00.000Z',
      originalTopic: 'shop.order.events',
      originalPartition: 2,
      originalOffset: '41',
      replayed: true,
    });
    expect(deadLetterView({ partition: 1, offset: '8', key: 'o-1', headers }, 8n).replayed).toBe(false);
  });

  it('leaves out what a dead letter does not carry, and names a missing reason', () => {
    expect(deadLetterView({ partition: 0, offset: '0', key: null, headers: { dlq_attempts: 'many' } }, 0n)).toEqual({
      partition: 0,
      offset: '0',
      reason: 'unknown',
      replayed: false,
    });
  });
});
