import { answerProblems } from './answer-checks.js';
import { DocumentValidator } from './document-validator.js';
import type { FuzzAnswer } from './fuzz-answer.js';
import type { FuzzRequest } from './fuzz-requests.js';
import { type OpenApiDocument, operationsOf } from './openapi-types.js';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const problemSchema = {
  type: 'object',
  properties: { status: { type: 'integer' }, traceId: { type: 'string' }, errors: { type: 'array' } },
  required: ['status'],
};
const document: OpenApiDocument = {
  paths: {
    '/things/{id}': {
      get: {
        operationId: 'getThing',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } } } },
          '400': { $ref: '#/components/responses/Problem' },
        },
      },
    },
  },
  components: { schemas: { Problem: problemSchema }, parameters: {}, responses: { Problem: {} } },
};
const validator = new DocumentValidator(document);
const [operation] = operationsOf(document);

function request(violations: string[] = []): FuzzRequest {
  return { kind: 'operation', target: { method: 'GET', path: '/things/{id}' }, operation, method: 'GET', path: '/things/1', headers: {}, violations };
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}): FuzzAnswer {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return { status, headers: new Headers({ 'content-type': type, 'x-trace-id': traceId, ...headers }), text: JSON.stringify(body) };
}

describe('answerProblems', () => {
  const check = (fuzzed: FuzzRequest, answered: FuzzAnswer) => answerProblems(fuzzed, answered, document, validator);

  it('finds nothing wrong with a documented answer', () => {
    expect(check(request(), answer(200, { id: '1' }))).toEqual([]);
    expect(check(request(['id']), answer(400, { status: 400, traceId, errors: [{ field: 'id' }] }))).toEqual([]);
  });

  it('finds a 5xx, a missing trace id, an undocumented status or body', () => {
    expect(check(request(), answer(502, { status: 502, traceId }))).toEqual([
      expect.stringMatching(/^answered 502/),
      'answered 502, which getThing does not document',
    ]);
    expect(check(request(), { ...answer(200, { id: '1' }), headers: new Headers({ 'content-type': 'application/json' }) })).toEqual(['no X-Trace-Id (got null)']);
    expect(check(request(), answer(200, {}))).toEqual(['a 200 body the document does not describe (id)']);
  });

  it('finds what the document allows refused, and what it refuses taken or refused without naming it', () => {
    expect(check(request(), answer(400, { status: 400, traceId }))).toEqual([expect.stringMatching(/^refused \(400\) what the document allows/)]);
    expect(check(request(['id']), answer(200, { id: '1' }))).toEqual(['answered 200 to what the document refuses at id']);
    expect(check(request(['id']), answer(400, { status: 400, traceId, errors: [{ field: 'body' }] }))).toEqual(['a 400 naming body, none of id']);
  });

  it('finds an error that is no problem of its status and trace', () => {
    expect(check(request(['id']), answer(400, { status: 404, traceId: 'x', errors: [{ field: 'id' }] }))).toEqual(['a problem for 404 and trace x']);
    const html = { ...answer(400, {}), headers: new Headers({ 'content-type': 'text/html', 'x-trace-id': traceId }) };
    expect(check(request(['id']), html)).toEqual(expect.arrayContaining(['an error as text/html']));
  });
});
