import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * SIGTERM, then the exit code once the process is gone (null if a signal
 * ended it); SIGKILL if it is still there after `killAfterMs`.
 */
export async function stopChild(child: ChildProcess | undefined, killAfterMs = 15_000): Promise<number | null> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timeout = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const [code] = await exited;
  clearTimeout(timeout);
  return code as number | null;
}
