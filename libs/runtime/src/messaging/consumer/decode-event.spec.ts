import { defineEvent, toKafkaHeaders } from '@shop/event-contracts';
import { z } from 'zod';
import { decodeEvent } from './decode-event.js';
import { HandlerRegistry } from './handler-registry.js';

const noted = defineEvent({
  type: 'shop.test.noted.v1',
  topic: 'shop.test.events',
  version: 1,
  schema: z.object({ orderId: z.string(), seq: z.number().int() }),
  key: (data) => data.orderId,
});

const registry = new HandlerRegistry();
registry.add(noted, async () => undefined);

const envelopeHeaders = (type: string = noted.type) =>
  toKafkaHeaders({
    id: 'e-1',
    type,
    source: '/shop/test',
    specversion: '1.0',
    time: '2026-01-01T00:00:00.000Z',
    subject: 'o-1',
    correlationId: 'e-1',
    causationId: 'e-1',
  });

const value = (data: unknown) => Buffer.from(JSON.stringify(data));

describe('decodeEvent', () => {
  it('reads the envelope from the headers and validates the data with the contract', () => {
    const decoded = decodeEvent({ headers: envelopeHeaders(), value: value({ orderId: 'o-1', seq: 3 }) }, registry);
    expect(decoded).toMatchObject({ kind: 'valid', envelope: { id: 'e-1', type: noted.type, data: { orderId: 'o-1', seq: 3 } } });
  });

  it('leaves event types without a handler alone, valid or not', () => {
    expect(decodeEvent({ headers: envelopeHeaders('shop.test.other.v1'), value: null }, registry)).toEqual({
      kind: 'not-handled',
      type: 'shop.test.other.v1',
    });
  });

  it('calls a message without a usable envelope invalid', () => {
    const { ce_id: _dropped, ...withoutId } = envelopeHeaders();
    expect(decodeEvent({ headers: withoutId, value: value({}) }, registry)).toEqual({
      kind: 'invalid',
      reason: 'invalid-envelope',
      error: 'missing header ce_id',
    });
    expect(decodeEvent({ headers: {}, value: value({}) }, registry)).toMatchObject({ kind: 'invalid', reason: 'invalid-envelope' });
  });

  it('calls a value that is not JSON invalid', () => {
    expect(decodeEvent({ headers: envelopeHeaders(), value: Buffer.from('{nope') }, registry)).toMatchObject({
      kind: 'invalid',
      reason: 'invalid-json',
    });
    expect(decodeEvent({ headers: envelopeHeaders(), value: null }, registry)).toMatchObject({ kind: 'invalid', reason: 'invalid-json' });
  });

  it('calls data the contract refuses invalid, naming the field', () => {
    const decoded = decodeEvent({ headers: envelopeHeaders(), value: value({ orderId: 'o-1', seq: 'three' }) }, registry);
    expect(decoded).toMatchObject({ kind: 'invalid', reason: 'invalid-data', error: expect.stringContaining('seq') });
  });
});
