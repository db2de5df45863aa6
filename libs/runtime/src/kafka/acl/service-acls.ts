import { deadLetterTopic, EVENT_TOPICS, REQUEST_PATTERNS, producerOf, replyTopicOf } from '@shop/event-contracts';

/**
 * What one service does on Kafka, as the contracts library and the app's
 * source say it (see kafka-roles.ts): the ACLs of its principal follow from it.
 */
export interface ServiceKafkaRole {
  /** The app's name: its principal (`User:<name>`) and its event consumer group. */
  name: string;
  /** The event topics its handlers consume, in its group `<name>`. */
  consumes: readonly string[];
  /** The request patterns it calls (NestJS ClientKafka, a reply group `<name>-replies-<uuid>-client` per process). */
  calls: readonly string[];
  /** Event topics it follows in a group of its own per process, `<name>-events-<uuid>` (the gateway's order streams). */
  follows: readonly string[];
  /**
   * The consumer groups whose dead letters it lists and replays for operators (the gateway's
   * /operations/dead-letters): each group's dead-letter topic of each topic it consumes.
   */
  operatesDeadLetters: readonly { topic: string; group: string }[];
}

export type AclOperation = 'read' | 'write' | 'describe' | 'create' | 'describe-configs' | 'alter-configs';

/** One allowed operation: Kafka's ACL binding in the shop's words (kafka-acls.ts makes it a kafkajs one). */
export interface AclRule {
  principal: string;
  resource: 'topic' | 'group';
  /** A literal name, or every name that starts with it. */
  pattern: 'literal' | 'prefixed';
  name: string;
  operation: AclOperation;
}

/** The principal of a service: `User:<name>`, the name its SCRAM credentials carry. */
export const servicePrincipal = (service: string) => `User:${service}`;

/**
 * The service answering a request pattern: the pattern names it
 * (`shop.<service>.<verb>`, so `shop.order.place` → `order`), as an event
 * topic names its producer; the producer's spelling of the app applies
 * (`slack` is the slack-notifier).
 */
export function requestServerOf(pattern: string): string {
  const service = /^shop\.([a-z]+(?:-[a-z]+)*)\.[a-z-]+$/.exec(pattern)?.[1];
  if (service === undefined) throw new Error(`${pattern} is not a request pattern (shop.<service>.<verb>)`);
  return producerOf(`shop.${service}.events`);
}

/**
 * Every ACL of the shop's services: no more than each needs.
 *
 * - It writes its own event topic (`shop.<name>.events`) and the replies of
 *   the requests it serves; nobody else writes them (but the operators' door, last).
 * - It reads what it consumes, in its own group; the requests it serves, in
 *   NestJS's group `<name>-requests-server`; the replies of the requests it
 *   calls and the topics it follows, in groups of its own per process (prefixed
 *   ACLs, as each process makes up a group name).
 * - It creates, writes and reads the dead-letter topics of its own group
 *   (`<topic>.dlq.<name>`, made by its dead-letter publisher at start, read by a replay).
 * - The operators' door (the gateway) reads every service's dead letters, in
 *   groups `<group>.dlq-…` (the replay's progress, a listing's reader), and
 *   republishes them to their topic: a replay writes where the event was
 *   first published, so this door may write every event topic. It is the one
 *   exception to "a topic has one writer", and the reason the README counts
 *   the gateway among what must not be compromised.
 *
 * Writes imply nothing else: a topic it neither owns nor reads stays invisible to it.
 */
export function serviceAcls(roles: readonly ServiceKafkaRole[]): AclRule[] {
  // A group consuming several topics is named once for each: each rule is kept once.
  const once = new Map<string, AclRule>();
  for (const rule of roles.flatMap(roleAcls)) once.set(JSON.stringify(rule), rule);
  return [...once.values()];
}

function roleAcls(role: ServiceKafkaRole): AclRule[] {
  const principal = servicePrincipal(role.name);
  const topic = (name: string, ...operations: AclOperation[]) =>
    operations.map((operation): AclRule => ({ principal, resource: 'topic', pattern: 'literal', name, operation }));
  const group = (name: string, pattern: AclRule['pattern'] = 'literal'): AclRule => ({ principal, resource: 'group', pattern, name, operation: 'read' });
  const served = REQUEST_PATTERNS.filter((pattern) => requestServerOf(pattern) === role.name);
  return [
    ...EVENT_TOPICS.filter((event) => producerOf(event) === role.name).flatMap((event) => topic(event, 'write')),
    ...role.consumes.flatMap((event) => [
      ...topic(event, 'read'),
      ...topic(deadLetterTopic(event, role.name), 'create', 'write', 'read', 'describe-configs', 'alter-configs'),
    ]),
    ...(role.consumes.length > 0 ? [group(role.name)] : []),
    ...served.flatMap((pattern) => [...topic(pattern, 'read'), ...topic(replyTopicOf(pattern), 'write')]),
    ...(served.length > 0 ? [group(`${role.name}-requests-server`)] : []),
    ...role.calls.flatMap((pattern) => [...topic(pattern, 'write'), ...topic(replyTopicOf(pattern), 'read')]),
    ...(role.calls.length > 0 ? [group(`${role.name}-replies-`, 'prefixed')] : []),
    ...role.follows.flatMap((event) => topic(event, 'read')),
    ...(role.follows.length > 0 ? [group(`${role.name}-events-`, 'prefixed')] : []),
    ...role.operatesDeadLetters.flatMap(({ topic: source, group: consumer }) => [
      ...topic(deadLetterTopic(source, consumer), 'read'),
      ...topic(source, 'write'),
      group(`${consumer}.dlq-`, 'prefixed'),
    ]),
  ];
}
