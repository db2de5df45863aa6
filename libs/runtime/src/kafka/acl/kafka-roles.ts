import { EVENT_TOPICS, REQUEST_PATTERNS } from '@shop/event-contracts';
import type { ServiceKafkaRole } from './service-acls.js';

/** A service as tools/services/services.mjs lists it. */
export interface ListedService {
  name: string;
  /** The gateway: it calls every request and follows every event topic for its order streams. */
  edge: boolean;
}

/** An event type with its topic and the apps handling it, as `./shop events` lists it (listEvents). */
export interface ConsumedEvent {
  topic: string;
  consumers: readonly string[];
}

/**
 * Each service's role on Kafka from the two lists the rest of the shop uses:
 * the apps (services.mjs) and who consumes what (the handler classes of each
 * app, read from its source). A subscriber made by `./shop new subscriber` is
 * an app with handlers, so it gets its role, and its ACLs, from the same lists.
 */
export function shopKafkaRoles(services: readonly ListedService[], events: readonly ConsumedEvent[]): ServiceKafkaRole[] {
  return services.map(({ name, edge }) => ({
    name,
    consumes: [...new Set(events.filter(({ consumers }) => consumers.includes(name)).map(({ topic }) => topic))].sort(),
    calls: edge ? REQUEST_PATTERNS : [],
    follows: edge ? EVENT_TOPICS : [],
    operatesDeadLetters: edge ? events.flatMap(({ topic, consumers }) => consumers.map((group) => ({ topic, group }))) : [],
  }));
}
