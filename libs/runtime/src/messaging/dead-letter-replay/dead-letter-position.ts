/**
 * A place in a dead-letter topic: a partition and an offset. Pages of dead
 * letters go in (partition, offset) order, and a page's `next` is the position
 * of its last dead letter: the next page starts after it. Written
 * `<partition>:<offset>`, e.g. `2:41`, so an operator can read it, and type it.
 */
export interface DeadLetterPosition {
  partition: number;
  offset: bigint;
}

/** `<partition>:<offset>`, whole numbers without leading zeros (an HTTP API validates with it too). */
export const DEAD_LETTER_POSITION_PATTERN = /^(0|[1-9]\d{0,5}):(0|[1-9]\d{0,18})$/;

export function formatDeadLetterPosition({ partition, offset }: DeadLetterPosition): string {
  return `${partition}:${offset}`;
}

/** The position a text names, or undefined when it is not `<partition>:<offset>` (both whole numbers). */
export function parseDeadLetterPosition(text: string): DeadLetterPosition | undefined {
  const match = DEAD_LETTER_POSITION_PATTERN.exec(text);
  return match ? { partition: Number(match[1]), offset: BigInt(match[2]!) } : undefined;
}
