import { z } from 'zod';
import { defineRequest, type ReplyValueOf, type RequestOf } from './define-request.js';
import { errorReply, okReply } from './reply.js';
import { REQUEST_PATTERNS, REQUEST_TOPICS, replyTopicOf } from './request-patterns.js';

const echo = defineRequest({
  pattern: 'shop.test.echo',
  request: z.object({ text: z.string().min(1) }),
  reply: z.object({ text: z.string() }),
});

describe('defineRequest', () => {
  it('replies on <pattern>.reply, as NestJS ClientKafka expects', () => {
    expect(echo.pattern).toBe('shop.test.echo');
    expect(echo.replyTopic).toBe('shop.test.echo.reply');
    expect(replyTopicOf('shop.order.get')).toBe('shop.order.get.reply');
  });

  it('types both sides from the schemas', () => {
    const request: RequestOf<typeof echo> = { text: 'hi' };
    const value: ReplyValueOf<typeof echo> = { text: 'hi' };
    expect(echo.parseReply(okReply(value)).success && echo.parseRequest(request).success).toBe(true);
  });

  it('keeps the value schema of a successful reply apart, the one inside the ok branch', () => {
    expect(echo.valueSchema.safeParse({ text: 'hi' }).success).toBe(true);
    expect(echo.parseReply({ ok: true, value: { text: 1 } }).success).toBe(echo.valueSchema.safeParse({ text: 1 }).success);
  });

  it('parses requests, naming the bad field', () => {
    expect(echo.parseRequest({ text: 'hi' })).toEqual({ success: true, data: { text: 'hi' } });
    expect(echo.parseRequest({ text: '' })).toMatchObject({
      success: false,
      error: expect.stringMatching(/^text: /),
      issues: [{ path: 'text', message: expect.any(String) }],
    });
  });

  it('parses both kinds of reply', () => {
    expect(echo.parseReply(okReply({ text: 'hi' }))).toEqual({ success: true, data: { ok: true, value: { text: 'hi' } } });
    const notFound = errorReply('NOT_FOUND', 'no such thing');
    expect(echo.parseReply(notFound)).toEqual({ success: true, data: notFound });
    const invalid = errorReply('INVALID', 'bad request', [{ path: 'text', message: 'too short' }]);
    expect(echo.parseReply(invalid)).toEqual({ success: true, data: invalid });
  });

  it('refuses a reply whose value or error does not match', () => {
    expect(echo.parseReply({ ok: true, value: { text: 1 } })).toMatchObject({ error: expect.stringMatching(/^value\.text: /) });
    expect(echo.parseReply({ ok: false, error: { code: 'TEAPOT', message: 'x' } })).toMatchObject({
      error: expect.stringMatching(/^error\.code: /),
    });
    expect(echo.parseReply({ value: { text: 'hi' } })).toMatchObject({ success: false });
  });
});

describe('request topics', () => {
  it('lists each pattern with its reply topic', () => {
    expect(REQUEST_TOPICS).toHaveLength(REQUEST_PATTERNS.length * 2);
    for (const pattern of REQUEST_PATTERNS) {
      expect(REQUEST_TOPICS).toEqual(expect.arrayContaining([pattern, `${pattern}.reply`]));
      expect(pattern).toMatch(/^shop\.[a-z]+\.[a-z]+(?:-[a-z]+)*$/);
    }
  });
});
