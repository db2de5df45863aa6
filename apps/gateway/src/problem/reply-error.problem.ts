import type { ReplyError } from '@shop/event-contracts';
import { fieldErrors, type FieldNames, ProblemException, Problems } from './problem.js';

/** Retry-After for a service that said it is unavailable: it is up, so soon. */
export const RETRY_SOON_SECONDS = 1;

/** The problem a service's error reply becomes: INVALID 400, NOT_FOUND 404, CONFLICT 409, UNAVAILABLE 503, INTERNAL 502. */
export function problemFromReplyError(error: ReplyError, names: FieldNames = {}): ProblemException {
  switch (error.code) {
    case 'INVALID':
      return Problems.invalid(fieldErrors(error.issues ?? [], names), error.message);
    case 'NOT_FOUND':
      return Problems.notFound(error.message);
    case 'CONFLICT':
      return Problems.conflict(error.message);
    case 'UNAVAILABLE':
      return Problems.unavailable(error.message, RETRY_SOON_SECONDS);
    case 'INTERNAL':
      // The service failed, not the gateway: 502, with the service's (non-sensitive) message.
      return Problems.badGateway(error.message);
  }
}
