import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { LoggerService } from '@nestjs/common';
import { kafkaCredentials } from './kafka-credentials.js';
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

/**
 * How often a service's consumers commit the offsets they are done with. Left
 * unset, kafkajs commits after every message (no interval, no threshold): for
 * request-reply that was a write to __consumer_offsets for each request served
 * and each reply read, 6 OffsetCommit requests of the ~36 Kafka served per
 * order (counted with the broker's RequestMetrics). A consumer that dies
 * without committing is redelivered at most this much: events go through the
 * inbox, and a request served again is one a caller may send twice anyway
 * (REQUEST_REPLY_PRODUCING).
 */
export const KAFKA_COMMIT_INTERVAL_MS = 1_000;

/** What every kafkajs client of a service is given: its login, its retries, its connection timeout, its logs through the service's logger. */
export function kafkaClientSettings(logger: LoggerService) {
  return {
    ...kafkaCredentials(),
    retry: KAFKA_RETRY,
    connectionTimeout: KAFKA_CONNECTION_TIMEOUT_MS,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
  };
}

/** A kafkajs client whose own logs go through the service's JSON logger. */
export function createKafka(clientId: string, brokers: string[], logger: LoggerService): Kafka {
  return new Kafka({ clientId, brokers, ...kafkaClientSettings(logger) });
}

/**
 * How the request-reply producers send (NestJS ClientKafka's requests,
 * ServerKafka's replies; Nest spreads `send` into every kafkajs send): acks=-1,
 * i.e. written to every in-sync replica, at least min.insync.replicas of them
 * (2 on a cluster of 3), before the send resolves. That is kafkajs's default
 * too; it is said here so that it cannot change unnoticed. Not idempotent: an
 * idempotent kafkajs producer needs one request in flight per broker (see the
 * outbox relay), which would queue the gateway's concurrent calls one behind
 * the other, and retries for ever, while a call is worth a few seconds (the
 * gateway's timeout, then a 503). So kafkajs's 5 bounded retries, and a retry
 * after a lost acknowledgement may deliver a request twice, as any
 * at-least-once transport can: the caller takes the first reply of its
 * correlation id.
 */
export const REQUEST_REPLY_PRODUCING = {
  producer: { allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner },
  send: { acks: -1 },
} as const;
