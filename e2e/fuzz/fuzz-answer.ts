import type { FuzzRequest } from './fuzz-requests.js';

/** What the gateway answered one request. */
export interface FuzzAnswer {
  status: number;
  headers: Headers;
  /** The body as text (empty for HEAD). */
  text: string;
}

/** Sends one generated request to the gateway, as a client would. */
export async function send(baseUrl: string, request: FuzzRequest): Promise<FuzzAnswer> {
  const response = await fetch(baseUrl + request.path, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined && { body: request.body }),
    redirect: 'manual',
  });
  // A stream (GET /orders/:id/events) does not end by itself: its headers say enough, the client hangs up.
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, headers: response.headers, text: '' };
  }
  return { status: response.status, headers: response.headers, text: await response.text() };
}
