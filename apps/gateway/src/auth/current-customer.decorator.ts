import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './access.guard.js';

/** The id of the customer the request's token was issued to (set by AccessGuard on customer routes). */
export const CurrentCustomer = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const { customerId } = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!customerId) throw new Error('CurrentCustomer on a route that is not for customers');
  return customerId;
});
