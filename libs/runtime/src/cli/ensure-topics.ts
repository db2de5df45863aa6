#!/usr/bin/env node
// Creates every topic the contracts library declares. Run by ./shop setup and the test set-up.
import { ALL_TOPICS } from '@shop/event-contracts';
import { Kafka, logLevel } from 'kafkajs';
import { ensureTopics } from '../kafka/topic-admin.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const partitions = Number(process.env.KAFKA_TOPIC_PARTITIONS ?? 3);
const kafka = new Kafka({ clientId: 'shop-ensure-topics', brokers, logLevel: logLevel.ERROR });

const created = await ensureTopics(kafka, ALL_TOPICS, partitions);
console.log(
  created.length > 0
    ? `[topics] created ${created.join(', ')} (${partitions} partitions)`
    : `[topics] all ${ALL_TOPICS.length} topics exist`,
);
