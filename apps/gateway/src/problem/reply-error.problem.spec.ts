import { errorReply, type ReplyError } from '@shop/event-contracts';
import { problemFromReplyError } from './reply-error.problem.js';

const errorOf = (reply: ReturnType<typeof errorReply>): ReplyError => {
  if (reply.ok) throw new Error('expected an error reply');
  return reply.error;
};

describe('problemFromReplyError', () => {
  it.each([
    ['INVALID', 400, '/problems/invalid-request'],
    ['NOT_FOUND', 404, '/problems/not-found'],
    ['CONFLICT', 409, '/problems/conflict'],
    ['UNAVAILABLE', 503, '/problems/service-unavailable'],
    ['INTERNAL', 502, '/problems/bad-gateway'],
  ] as const)('maps %s to %i', (code, status, type) => {
    const { problem } = problemFromReplyError(errorOf(errorReply(code, `said ${code}`)));
    expect(problem).toMatchObject({ status, type, detail: `said ${code}` });
  });

  it('names each bad field of an INVALID reply as the client sent it', () => {
    const error = errorOf(
      errorReply('INVALID', 'bad', [
        { path: 'items.0.quantity', message: 'Too small' },
        { path: 'idempotencyKey', message: 'Too big' },
      ]),
    );
    expect(problemFromReplyError(error, { idempotencyKey: 'Idempotency-Key' }).problem.errors).toEqual([
      { field: 'items.0.quantity', message: 'Too small' },
      { field: 'Idempotency-Key', message: 'Too big' },
    ]);
  });

  it('asks to retry an UNAVAILABLE service soon', () => {
    expect(problemFromReplyError(errorOf(errorReply('UNAVAILABLE', 'busy'))).headers).toEqual({ 'Retry-After': '1' });
  });
});
