import { Kafka, logLevel } from 'kafkajs';
import type { LoggerService } from '@nestjs/common';

const levels: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own logs go through the service's JSON logger. */
export function createKafka(clientId: string, brokers: string[], logger: LoggerService): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, level, log }) => {
      const { message, ...extra } = log;
      logger[levels[level] ?? 'log']?.({ msg: message, ...extra }, namespace ? `kafkajs.${namespace}` : 'kafkajs');
    },
  });
}
