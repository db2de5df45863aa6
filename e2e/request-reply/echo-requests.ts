import { defineRequest } from '@shop/event-contracts';
import { z } from 'zod';

const echoReply = z.object({ text: z.string(), servedBy: z.string() });

/**
 * Test-only request contracts on patterns unique to one run. The client's echo
 * contract is looser than the server's (no minimum length), as after a contract
 * drift, so a bad request reaches the server and its own validation is tested.
 */
export function echoRequests(suffix: string) {
  const pattern = `it.echo.${suffix}` as const;
  return {
    served: defineRequest({ pattern, request: z.object({ text: z.string().min(1) }), reply: echoReply }),
    asClientSeesIt: defineRequest({ pattern, request: z.object({ text: z.string() }), reply: echoReply }),
    /** Nobody serves it: every call waits for its timeout. */
    unanswered: defineRequest({ pattern: `it.unanswered.${suffix}` as const, request: z.object({ text: z.string() }), reply: echoReply }),
  };
}
