import type { DocumentValidator } from './document-validator.js';
import type { FuzzAnswer } from './fuzz-answer.js';
import type { FuzzRequest } from './fuzz-requests.js';
import type { JsonSchema, OpenApiDocument } from './openapi-types.js';

const PROBLEM_SCHEMA: JsonSchema = { $ref: '#/components/schemas/Problem' };

/**
 * Everything wrong with one answer, as sentences (empty: nothing):
 * - never a 5xx; always an `X-Trace-Id`; every error a problem+json body for its status and trace;
 * - a documented operation answers a status the document lists for it (`default` does not count),
 *   with the documented body; inputs the document allows are never refused (no 400, 413 or 415),
 *   inputs it refuses are a 400 naming at least one of the fields the document's validator names;
 * - a body fault gets its status, an unknown method 405 with `Allow`, an unknown path 404.
 */
export function answerProblems(request: FuzzRequest, answer: FuzzAnswer, document: OpenApiDocument, validator: DocumentValidator): string[] {
  const problems: string[] = [];
  const { status } = answer;
  const hasBody = request.method !== 'HEAD';
  if (status >= 500) problems.push(`answered ${status}: ${answer.text.slice(0, 300)}`);
  const traceId = answer.headers.get('x-trace-id');
  if (!traceId || !/^[0-9a-f]{32}$/.test(traceId)) problems.push(`no X-Trace-Id (got ${traceId})`);

  let body: unknown;
  if (hasBody && (answer.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(answer.text);
    } catch {
      problems.push(`a body that is not JSON: ${answer.text.slice(0, 100)}`);
    }
  }
  if (status >= 400 && hasBody) {
    if (!(answer.headers.get('content-type') ?? '').startsWith('application/problem+json')) problems.push(`an error as ${answer.headers.get('content-type')}`);
    const violations = validator.violations(PROBLEM_SCHEMA, body);
    if (violations.length > 0) problems.push(`a problem body the document does not allow (${violations.join(', ')})`);
    const problem = body as { status?: number; traceId?: string } | undefined;
    if (problem?.status !== status || problem.traceId !== traceId) problems.push(`a problem for ${problem?.status} and trace ${problem?.traceId}`);
  }

  if (request.expectedStatus !== undefined && status !== request.expectedStatus) problems.push(`answered ${status}, not ${request.expectedStatus}`);
  if (request.expectedAllow !== undefined && answer.headers.get('allow') !== request.expectedAllow) {
    problems.push(`Allow: ${answer.headers.get('allow')}, not ${request.expectedAllow}`);
  }
  const operation = request.operation;
  if (operation && !operation.statuses.includes(status)) problems.push(`answered ${status}, which ${operation.operationId} does not document`);
  if (request.kind === 'operation') {
    const refused = [400, 413, 415].includes(status);
    if (request.violations.length === 0 && refused) problems.push(`refused (${status}) what the document allows: ${answer.text.slice(0, 300)}`);
    if (request.violations.length > 0 && status !== 400) problems.push(`answered ${status} to what the document refuses at ${request.violations.join(', ')}`);
    if (request.violations.length > 0 && status === 400 && hasBody) {
      const named = ((body as { errors?: { field: string }[] } | undefined)?.errors ?? []).map((error) => error.field);
      if (!named.some((field) => request.violations.includes(field))) {
        problems.push(`a 400 naming ${named.join(', ') || 'no field'}, none of ${request.violations.join(', ')}`);
      }
    }
    if (status < 300 && hasBody && body !== undefined) {
      const schema = documentedSchema(document, operation!.path, operation!.method, status);
      const violations = schema ? validator.violations(schema, body) : [];
      if (violations.length > 0) problems.push(`a ${status} body the document does not describe (${violations.join(', ')})`);
    }
  }
  return problems;
}

/** The JSON schema the document gives an operation's answer of that status, if any. */
function documentedSchema(document: OpenApiDocument, path: string, method: string, status: number): JsonSchema | undefined {
  const response = document.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
  const resolved = response && '$ref' in response ? document.components.responses[response.$ref.split('/').at(-1)!] : response;
  return resolved?.content?.['application/json']?.schema;
}
