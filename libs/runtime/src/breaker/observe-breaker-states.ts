import { Logger } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { Breaker } from './create-breaker.js';

const logger = new Logger('Breaker');

/** Logs every state change of `breaker` and adds it as an event to the active span, if any. */
export function observeBreakerStates(breaker: Breaker): void {
  const name = breaker.name;
  breaker.on('open', () => {
    const { failures, timeouts, fires } = breaker.stats;
    logger.warn({ msg: 'breaker opened: calls fail fast', breaker: name, failures, timeouts, fires });
    addSpanEvent('breaker.open', name);
  });
  breaker.on('halfOpen', () => {
    logger.log({ msg: 'breaker half-open: letting one trial call through', breaker: name });
    addSpanEvent('breaker.half_open', name);
  });
  breaker.on('close', () => {
    logger.log({ msg: 'breaker closed: calls go through', breaker: name });
    addSpanEvent('breaker.close', name);
  });
}

function addSpanEvent(event: string, name: string): void {
  const span = trace.getActiveSpan();
  // halfOpen fires from a timer whose context may hold a span that has ended since.
  if (span?.isRecording()) span.addEvent(event, { 'breaker.name': name });
}
