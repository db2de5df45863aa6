import { EVENT_TOPICS } from '@shop/event-contracts';

/** Injection token of the OperatedTopics. */
export const OPERATED_TOPICS = Symbol('OPERATED_TOPICS');

/**
 * The event topics an operator may name (the contracts' EVENT_TOPICS), each
 * with the topic the gateway really reads: the same, but under
 * SHOP_TOPIC_NAMESPACE (a test hook, see the runtime's topic-namespace.ts), as
 * every topic the gateway touches. The API speaks of the real names only.
 */
export type OperatedTopics = ReadonlyMap<string, string>;

export function operatedTopics(namespace: string): OperatedTopics {
  return new Map(EVENT_TOPICS.map((topic) => [topic, namespace + topic]));
}
