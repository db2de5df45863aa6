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
  return { status: response.status, headers: response.headers, text: await response.text() };
}
