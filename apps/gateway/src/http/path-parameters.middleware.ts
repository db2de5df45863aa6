import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { Problems } from '../problem/problem.js';
import { requestPath } from './request-path.js';
import { ROUTE_TABLE, type RouteTable } from './route-table.js';

/**
 * A path parameter that is not percent-encoded UTF-8 (`%ZZ`, `%ED%A0%80`) is a
 * 400 naming the parameter, like any other bad field; Express would refuse it
 * too, but only as "Failed to decode param".
 */
@Injectable()
export class PathParametersMiddleware implements NestMiddleware {
  constructor(@Inject(ROUTE_TABLE) private readonly routes: RouteTable) {}

  use(request: IncomingMessage, _response: ServerResponse, next: () => void): void {
    const undecodable = Object.entries(this.routes.parametersAt(requestPath(request))).filter(([, raw]) => !decodes(raw));
    if (undecodable.length > 0) {
      throw Problems.invalid(undecodable.map(([field]) => ({ field, message: 'not valid percent-encoded UTF-8' })));
    }
    next();
  }
}

function decodes(raw: string): boolean {
  try {
    decodeURIComponent(raw);
    return true;
  } catch {
    return false;
  }
}
