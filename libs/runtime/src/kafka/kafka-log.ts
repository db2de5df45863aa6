import type { LoggerService } from '@nestjs/common';
import { type logCreator, logLevel } from 'kafkajs';

type Level = 'error' | 'warn' | 'log' | 'debug';

const LEVELS: Record<number, Level> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/**
 * What kafkajs says, at the level it means for an operator. kafkajs logs at
 * ERROR every error response and every failed connection attempt, even those it
 * retries by itself: a fresh broker still loading its coordinator, a topic whose
 * metadata is a moment old. The operation's outcome reaches the code that
 * awaited it, which logs what matters (the relay, ConsumerLiveness, the start-up
 * retries); so these are debug, and a consumer's crash and restart are info.
 */
export function kafkaLogLevel(namespace: string, level: number, message: string): Level {
  if (namespace === 'Connection' || namespace === 'BrokerPool' || namespace === 'RequestQueue') return 'debug';
  if (namespace === 'Consumer' && /^(Crash: |Restarting the consumer)/.test(message)) return 'log';
  if (namespace === 'Runner' && /re-joining/.test(message)) return 'log';
  // The dead-letter producer bounds its retries on purpose, and says why (dead-letter-publisher.ts).
  if (namespace === 'Producer' && /^Limiting retries for the idempotent producer/.test(message)) return 'debug';
  return LEVELS[level] ?? 'log';
}

/** A kafkajs logCreator writing through the service's JSON logger, at `kafkaLogLevel`. */
export function kafkaLogCreator(logger: LoggerService): logCreator {
  return () => ({ namespace, level, log }) => {
    const { message, ...extra } = log;
    const method = kafkaLogLevel(namespace, level, message);
    logger[method]?.({ msg: message, ...extra }, namespace ? `kafkajs.${namespace}` : 'kafkajs');
  };
}
