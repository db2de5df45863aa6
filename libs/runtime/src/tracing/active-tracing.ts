import type { Tracing } from './start-tracing.js';

let active: Tracing | undefined;

/** Remembers the process's tracing, started by `register.ts`, for `shutdownTracing`. */
export function keepActiveTracing(tracing: Tracing): void {
  active = tracing;
}

/** Flushes the spans still buffered and stops tracing; a no-op when tracing was never started. */
export async function shutdownTracing(): Promise<void> {
  const tracing = active;
  active = undefined;
  await tracing?.shutdown();
}
