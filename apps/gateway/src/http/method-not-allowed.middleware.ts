import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { Problems } from '../problem/problem.js';
import { requestPath } from './request-path.js';
import { ROUTE_TABLE, type RouteTable } from './route-table.js';

/**
 * A known path asked with a method it does not take answers 405 with `Allow`
 * (RFC 9110), not the 404 Express would give: the client got the path right.
 */
@Injectable()
export class MethodNotAllowedMiddleware implements NestMiddleware {
  constructor(@Inject(ROUTE_TABLE) private readonly routes: RouteTable) {}

  use(request: IncomingMessage, _response: ServerResponse, next: () => void): void {
    const path = requestPath(request);
    const allowed = this.routes.methodsAt(path);
    const method = request.method ?? 'GET';
    if (allowed && !allowed.includes(method)) throw Problems.methodNotAllowed(method, path, allowed);
    next();
  }
}
