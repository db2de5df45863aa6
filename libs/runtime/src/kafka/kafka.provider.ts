import { Kafka, logLevel } from 'kafkajs';
import type { LoggerService } from '@nestjs/common';
import { kafkaLogCreator } from './kafka-log.js';

/**
 * How kafkajs retries a request, and waits before restarting a consumer that
 * crashed: at most 3 s apart (kafkajs's default is 30 s), so every client is
 * back within seconds of the broker, not half a minute later.
 */
export const KAFKA_RETRY = { initialRetryTime: 250, maxRetryTime: 3_000, retries: 8 } as const;

/** A connection attempt may take this long (kafkajs: 1 s, which seven apps starting at once on 2 cores can miss). */
export const KAFKA_CONNECTION_TIMEOUT_MS = 3_000;

/**
 * A consumer that stops heartbeating (killed, cut off) loses its partitions
 * after this long; so does the member a restarted broker still remembers for
 * a consumer that came back under a new id (kafkajs has no static membership):
 * an app restarted after a crash consumes again within it. kafkajs's default
 * is 30 s (heartbeat 3 s); the broker allows 6 s at least. kafkajs heartbeats
 * between messages, so one event handled for longer than this costs a rebalance
 * (and a redelivery the inbox absorbs), never a loss.
 */
export const KAFKA_CONSUMER_TIMING = { sessionTimeout: 8_000, heartbeatInterval: 2_000 } as const;

/** What every kafkajs client of a service is given: its retries, its connection timeout, its logs through the service's logger. */
export function kafkaClientSettings(logger: LoggerService) {
  return { retry: KAFKA_RETRY, connectionTimeout: KAFKA_CONNECTION_TIMEOUT_MS, logLevel: logLevel.WARN, logCreator: kafkaLogCreator(logger) };
}

/** A kafkajs client whose own logs go through the service's JSON logger. */
export function createKafka(clientId: string, brokers: string[], logger: LoggerService): Kafka {
  return new Kafka({ clientId, brokers, ...kafkaClientSettings(logger) });
}
