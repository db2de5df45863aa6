import { ReplySerializer } from './reply-serializer.js';

describe('ReplySerializer', () => {
  const serializer = new ReplySerializer();

  it('sends an ok reply whole, although it has a `value` property', () => {
    expect(serializer.serialize({ ok: true, value: { orderId: 'x' } })).toEqual({
      value: JSON.stringify({ ok: true, value: { orderId: 'x' } }),
      headers: {},
    });
  });

  it('sends an error reply whole, and nothing when there is no response (a disposal)', () => {
    expect(serializer.serialize({ ok: false, error: { code: 'NOT_FOUND', message: 'no order' } }).value).toBe(
      '{"ok":false,"error":{"code":"NOT_FOUND","message":"no order"}}',
    );
    expect(serializer.serialize(undefined)).toEqual({ value: null, headers: {} });
  });
});
