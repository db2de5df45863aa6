// One step of ./shop smoke: run, timed, and told in one line, so that a reader of a
// CI log sees how far the shop got and how long each part took.

/** Thrown when a step fails: carries the step's name, for the closing line and the exit code. */
export class SmokeStepFailed extends Error {
  readonly step: string;

  constructor(step: string, message: string) {
    super(message);
    this.step = step;
  }
}

/** What a step found: the value the next steps need and a few words for its line. */
export interface StepOutcome<T> {
  value: T;
  detail: string;
}

const NAME_WIDTH = 14;

/** An error's message with its cause, which says more than fetch's own "fetch failed" (ECONNREFUSED, a timeout). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause ? `${error.message} (${cause})` : error.message;
}

/** The line of a step: `[smoke] ok     sign-in         0.12 s  as smoke-…`. */
export function stepLine(ok: boolean, name: string, ms: number, detail: string): string {
  return `[smoke] ${(ok ? 'ok' : 'FAILED').padEnd(6)} ${name.padEnd(NAME_WIDTH)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${detail}`;
}

/** Runs a step and writes its line; a failure is written the same way, then thrown as SmokeStepFailed. */
export async function step<T>(name: string, action: () => Promise<StepOutcome<T>>, write: (line: string) => void = console.log): Promise<T> {
  const started = performance.now();
  let outcome: StepOutcome<T>;
  try {
    outcome = await action();
  } catch (error) {
    const message = describe(error);
    write(stepLine(false, name, performance.now() - started, message));
    throw new SmokeStepFailed(name, message);
  }
  write(stepLine(true, name, performance.now() - started, outcome.detail));
  return outcome.value;
}
