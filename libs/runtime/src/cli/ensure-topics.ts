#!/usr/bin/env node
// Creates every topic the contracts library declares, with its retention
// (events for ever, requests and replies an hour; see TOPIC_RETENTION), and
// brings the retention of existing ones in line. Run by ./shop up, ./shop test
// and compose's one-shot `topics` service.
import { EVENT_TOPICS, REQUEST_TOPICS } from '@shop/event-contracts';
import { Kafka, logLevel } from 'kafkajs';
import { ensureTopics, TOPIC_RETENTION } from '../kafka/topic-admin.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const partitions = Number(process.env.KAFKA_TOPIC_PARTITIONS ?? 3);
const kafka = new Kafka({ clientId: 'shop-ensure-topics', brokers, logLevel: logLevel.ERROR });

const events = await ensureTopics(kafka, EVENT_TOPICS, partitions, TOPIC_RETENTION.forever);
const requests = await ensureTopics(kafka, REQUEST_TOPICS, partitions, TOPIC_RETENTION.oneHour);
const created = [...events.created, ...requests.created];
const reconfigured = [...events.reconfigured, ...requests.reconfigured];
const total = EVENT_TOPICS.length + REQUEST_TOPICS.length;
console.log(
  [
    created.length > 0 ? `[topics] created ${created.join(', ')} (${partitions} partitions)` : `[topics] all ${total} topics exist`,
    ...(reconfigured.length > 0 ? [`[topics] retention set on ${reconfigured.join(', ')}`] : []),
  ].join('\n'),
);
