import { type ArgumentsHost, BadRequestException, Logger, NotFoundException } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { Problems } from './problem.js';
import { PROBLEM_CONTENT_TYPE, ProblemFilter } from './problem.filter.js';

Logger.overrideLogger(false);

/** What the filter did to one response, through a recording HTTP adapter. */
function filterAnswer(exception: unknown, traceId?: string) {
  const headers = new Map<string, string>(traceId ? [['X-Trace-Id', traceId]] : []);
  const sent: { body?: unknown; status?: number } = {};
  const response = { getHeader: (name: string) => headers.get(name), headersSent: false };
  const adapter = {
    setHeader: (_: unknown, name: string, value: string) => headers.set(name, value),
    reply: (_: unknown, body: unknown, status: number) => Object.assign(sent, { body, status }),
    getRequestUrl: () => '/orders/x',
  };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({}) }) } as unknown as ArgumentsHost;
  new ProblemFilter({ httpAdapter: adapter } as unknown as HttpAdapterHost).catch(exception, host);
  return { ...sent, headers: Object.fromEntries(headers) };
}

describe('ProblemFilter', () => {
  it('answers a problem with its status, fields, headers and the trace id', () => {
    const answer = filterAnswer(Problems.unavailable('the order service did not answer in time', 1), 'abc123');
    expect(answer).toEqual({
      status: 503,
      body: {
        type: '/problems/service-unavailable',
        title: 'Service unavailable',
        status: 503,
        detail: 'the order service did not answer in time',
        instance: '/orders/x',
        traceId: 'abc123',
      },
      headers: { 'X-Trace-Id': 'abc123', 'Content-Type': PROBLEM_CONTENT_TYPE, 'Retry-After': '1' },
    });
  });

  it('keeps the field errors of a 400', () => {
    const answer = filterAnswer(Problems.invalid([{ field: 'items.0.quantity', message: 'Too small' }]));
    expect(answer.body).toMatchObject({ status: 400, errors: [{ field: 'items.0.quantity', message: 'Too small' }] });
  });

  it('answers Nest HTTP errors by their status', () => {
    expect(filterAnswer(new NotFoundException('Cannot GET /nope')).body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /nope',
      instance: '/orders/x',
    });
    expect(filterAnswer(new BadRequestException('Unexpected token')).status).toBe(400);
  });

  it('hides the details of anything else behind a 500', () => {
    const answer = filterAnswer(new Error('secret connection string'));
    expect(answer.status).toBe(500);
    expect(JSON.stringify(answer.body)).not.toMatch(/secret/);
  });
});
