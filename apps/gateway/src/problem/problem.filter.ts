import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { traceIdOf } from '../tracing/trace-id.js';
import { type Problem, ProblemException } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Every error as application/problem+json: our problems as they are, Nest's HTTP errors by status, anything else 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const adapter = this.adapterHost.httpAdapter;
    const http = host.switchToHttp();
    const response = http.getResponse<{ getHeader(name: string): unknown; headersSent?: boolean }>();
    const { problem, headers } = toProblem(exception);
    if (problem.status >= 500 && problem.status !== 503) {
      this.logger.error({ msg: 'request failed', status: problem.status, error: (exception as Error)?.message, stack: (exception as Error)?.stack });
    }
    if (response.headersSent) return;
    adapter.setHeader(response, 'Content-Type', PROBLEM_CONTENT_TYPE);
    for (const [name, value] of Object.entries(headers)) adapter.setHeader(response, name, value);
    const traceId = traceIdOf(response);
    adapter.reply(response, { ...problem, instance: adapter.getRequestUrl(http.getRequest()), ...(traceId && { traceId }) }, problem.status);
  }
}

export function toProblem(exception: unknown): { problem: Problem; headers: Readonly<Record<string, string>> } {
  if (exception instanceof ProblemException) return { problem: exception.problem, headers: exception.headers };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // "about:blank": nothing more specific than the status (RFC 9457), e.g. an unknown route or unparsable JSON.
    return { problem: { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail: exception.message }, headers: {} };
  }
  return {
    problem: { type: '/problems/internal', title: 'Internal error', status: 500, detail: 'The gateway failed; the trace id says where.' },
    headers: {},
  };
}
