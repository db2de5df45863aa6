import { requestSamples } from '../testing/samples.js';
import { ALL_REQUESTS, Requests } from './catalog.js';
import { errorReply, okReply } from './reply.js';
import { REQUEST_PATTERNS } from './request-patterns.js';

const patterns = ALL_REQUESTS.map((request) => request.pattern);

describe('request catalog', () => {
  it('defines one request per pattern', () => {
    expect([...patterns].sort()).toEqual([...REQUEST_PATTERNS].sort());
    expect(Object.keys(requestSamples).sort()).toEqual([...patterns].sort());
  });

  it.each(ALL_REQUESTS.map((request) => [request.pattern, request] as const))(
    '%s accepts its sample request, a sample reply and an error reply',
    (pattern, request) => {
      const sample = requestSamples[pattern]!;
      const parsedRequest = request.parseRequest(sample.request);
      if (!parsedRequest.success) throw new Error(parsedRequest.error);
      const parsedReply = request.parseReply(okReply(sample.value));
      if (!parsedReply.success) throw new Error(parsedReply.error);
      expect(request.parseReply(errorReply('UNAVAILABLE', 'try later')).success).toBe(true);
    },
  );

  it('validates what the gateway forwards', () => {
    const place = requestSamples['shop.order.place']!.request as Record<string, unknown>;
    expect(Requests.placeOrder.parseRequest({ ...place, idempotencyKey: '' })).toMatchObject({
      error: expect.stringMatching(/^idempotencyKey: /),
    });
    expect(Requests.placeOrder.parseRequest({ ...place, items: [{ sku: 'MUG-01', quantity: 1.5 }] })).toMatchObject({
      error: expect.stringMatching(/^items\.0\.quantity: /),
    });
    expect(Requests.getOrder.parseRequest({ orderId: '42' })).toMatchObject({ error: expect.stringMatching(/^orderId: /) });
  });

  it('checks order statuses in replies', () => {
    expect(Requests.cancelOrder.parseReply(okReply({ orderId: '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10', status: 'GONE' }))).toMatchObject({
      error: expect.stringMatching(/^value\.status: /),
    });
  });
});
