import { ALL_EVENTS } from '@shop/event-contracts';

/** Every topic history reads: the topics of all event types (what its consumer subscribes to). */
export const HISTORY_TOPICS: readonly string[] = [...new Set(ALL_EVENTS.map((contract) => contract.topic))].sort();
