import type { Admin } from 'kafkajs';

/** The consumer group has no dead-letter topic for that topic: it never consumed it (the runtime creates one per topic a group consumes). */
export class NoDeadLetterTopicError extends Error {
  constructor(readonly deadLetterTopic: string) {
    super(`no dead-letter topic ${deadLetterTopic}: has that group ever consumed that topic?`);
  }
}

/** Throws NoDeadLetterTopicError unless the broker has the topic. */
export async function assertDeadLetterTopicExists(admin: Admin, deadLetterTopic: string): Promise<void> {
  if (!(await admin.listTopics()).includes(deadLetterTopic)) throw new NoDeadLetterTopicError(deadLetterTopic);
}
